import { request } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CapturePrefill } from '../../shared/desktop/desktop-api.js';
import {
  EndpointPortBusyError,
  type SoftphoneEndpoint,
  startSoftphoneEndpoint,
} from './loopback-endpoint.js';

const SECRET = 'per-install-secret-0123456789';
let endpoint: SoftphoneEndpoint;
let received: CapturePrefill[];

beforeEach(async () => {
  received = [];
  endpoint = await startSoftphoneEndpoint({
    port: 0,
    secret: SECRET,
    onPrefill: (prefill) => received.push(prefill),
  });
});
afterEach(() => endpoint.close());

interface Sent {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
}

/** A raw request, so tests can send the Host and Origin a browser or a rebinding page would. */
function send({
  method = 'POST',
  path = '/v1/capture',
  headers = {},
  body = '',
}: Sent): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: endpoint.port,
        method,
        path,
        headers: { 'content-length': Buffer.byteLength(body), ...headers },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: JSON.parse(text) as Record<string, unknown>,
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const json = (fields: unknown, extra: Record<string, string> = {}): Sent => ({
  headers: { authorization: `Bearer ${SECRET}`, 'content-type': 'application/json', ...extra },
  body: JSON.stringify(fields),
});

describe('the call-end endpoint on 127.0.0.1', () => {
  it('opens the panel pre-filled from a CTI script post, and saves nothing', async () => {
    expect(endpoint.url).toBe(`http://127.0.0.1:${endpoint.port}/v1/capture`);
    const answer = await send(
      json({
        contact: 'CT-1',
        queue: 'Billing',
        channel: 'phone',
        text: 'charged twice',
        ani: '+44…',
      }),
    );
    expect(answer).toEqual({
      status: 202,
      body: {
        ok: true,
        message: expect.stringMatching(/nothing is saved until the agent saves it/) as unknown,
      },
    });
    expect(received).toEqual([
      {
        source: 'endpoint',
        contact: 'CT-1',
        queue: 'Billing',
        channel: 'phone',
        text: 'charged twice',
      },
    ]);
  });

  it('takes form fields too (curl -d)', async () => {
    const answer = await send({
      headers: {
        authorization: `Bearer ${SECRET}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'contact=CT-2&channel=email',
    });
    expect(answer.status).toBe(202);
    expect(received).toEqual([{ source: 'endpoint', contact: 'CT-2', channel: 'email' }]);
  });

  it('takes the Bearer scheme in any case, as HTTP defines it', async () => {
    for (const scheme of ['bearer', 'BEARER', 'beArEr']) {
      const answer = await send(
        json({ contact: scheme }, { authorization: `${scheme} ${SECRET}` }),
      );
      expect(answer.status).toBe(202);
    }
    expect(received.map((prefill) => prefill.contact)).toEqual(['bearer', 'BEARER', 'beArEr']);
  });

  it('refuses a missing or wrong secret', async () => {
    expect((await send(json({ contact: 'x' }, { authorization: 'Bearer guess' }))).status).toBe(
      401,
    );
    expect(
      (await send({ headers: { 'content-type': 'application/json' }, body: '{}' })).status,
    ).toBe(401);
    expect(received).toEqual([]);
  });

  it('refuses web pages: a browser Origin, or a Host that is not this loopback port (DNS rebinding)', async () => {
    expect(await send(json({ contact: 'x' }, { origin: 'https://evil.example' }))).toEqual({
      status: 403,
      body: { ok: false, error: 'web pages may not call this endpoint' },
    });
    expect(
      (await send(json({ contact: 'x' }, { host: `evil.example:${endpoint.port}` }))).status,
    ).toBe(403);
    expect(
      (await send(json({ contact: 'x' }, { host: `localhost:${endpoint.port}` }))).status,
    ).toBe(202);
    expect(received).toHaveLength(1);
  });

  it('answers bad requests with what is wrong', async () => {
    expect((await send({ ...json({}), method: 'GET' })).status).toBe(405);
    expect((await send({ ...json({}), path: '/v1/save' })).status).toBe(404);
    expect(await send(json({ channel: 'fax' }))).toEqual({
      status: 400,
      body: { ok: false, error: 'channel: must be one of phone, email, chat, sms, social, other' },
    });
    expect(
      (
        await send({
          headers: { authorization: `Bearer ${SECRET}`, 'content-type': 'application/json' },
          body: '{not json',
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await send({
          headers: { authorization: `Bearer ${SECRET}`, 'content-type': 'text/plain' },
          body: 'hi',
        })
      ).status,
    ).toBe(415);
    expect((await send(json({ text: 'x'.repeat(20_000) }))).status).toBe(413);
    expect(received).toEqual([]);
  });

  it('says clearly when its port is taken', async () => {
    await expect(
      startSoftphoneEndpoint({ port: endpoint.port, secret: SECRET, onPrefill: () => undefined }),
    ).rejects.toThrow(EndpointPortBusyError);
    await expect(
      startSoftphoneEndpoint({ port: endpoint.port, secret: SECRET, onPrefill: () => undefined }),
    ).rejects.toThrow(`port ${endpoint.port} on 127.0.0.1 is in use`);
  });
});
