import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CallFailedError, callOverHttp } from '../src/shared/api/call-over-http.js';
import { aggregatorCall } from '../src/main/sync/aggregator-calls.js';
import { FatalSyncError, TransientSyncError } from '../src/main/sync/aggregator-client.js';
import { type ApiFixture, startApi } from './support/http-fixture.js';

/** A loopback port nothing listens on: taken, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The typed call against a real aggregator on loopback: what the browser and the desktop share. */
describe('callOverHttp', () => {
  let api: ApiFixture;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(async () => {
    await api.close();
  });

  const as = (token: string) => ({ baseUrl: `${api.url}/`, token, fetch });

  it('calls a method by its name and answers its typed result', async () => {
    const session = await callOverHttp(as(api.secrets.lee), 'session.whoami', {});
    expect(session).toEqual({ name: 'lee', role: 'lead', team: 'support', mode: 'browser' });
    const suggestions = await callOverHttp(as(api.secrets.amy), 'issues.suggest', {
      text: 'x',
      limit: 3,
    });
    expect(suggestions).toEqual([]);
  });

  it("reports a refusal with the status and the server's message", async () => {
    const refused = await callOverHttp(as(api.secrets.amy), 'issues.suggest', {
      text: 'x',
      limit: 99,
    }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(CallFailedError);
    expect(refused).toMatchObject({ reason: 'refused', status: 400 });
    expect((refused as Error).message).toMatch(/^invalid arguments: limit: /);
    const unknownToken = await callOverHttp(as('not-a-token-at-all'), 'session.whoami', {}).catch(
      (error: unknown) => error,
    );
    expect(unknownToken).toMatchObject({ reason: 'refused', status: 401 });
  });

  it('reports an aggregator nobody answers for as unreachable', async () => {
    const connection = { baseUrl: `http://127.0.0.1:${await closedPort()}`, token: 't', fetch };
    const failed = await callOverHttp(connection, 'meta.taxonomy', {}).catch(
      (error: unknown) => error,
    );
    expect(failed).toMatchObject({ reason: 'unreachable', status: 0 });
  });

  it('reports a gateway answering for an aggregator that is down as unreachable, not as a refusal', async () => {
    const proxy = createHttpServer((_request, response) => {
      response.writeHead(502, { 'content-type': 'text/html' });
      response.end('<html><body><h1>502 Bad Gateway</h1>nginx</body></html>');
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = proxy.address() as { port: number };
      const connection = { baseUrl: `http://127.0.0.1:${port}`, token: 't', fetch };
      const failed = await callOverHttp(connection, 'meta.taxonomy', {}).catch(
        (error: unknown) => error,
      );
      expect(failed).toMatchObject({ reason: 'unreachable', status: 502 });
      await expect(
        aggregatorCall({ baseUrl: `http://127.0.0.1:${port}`, token: 't' })('meta.taxonomy', {}),
      ).rejects.toThrow(TransientSyncError);
    } finally {
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
    }
  });

  it("sorts the desktop's failures like its sync requests: refused is fatal, unreachable transient", async () => {
    const taxonomy = await aggregatorCall({ baseUrl: api.url, token: api.secrets.amy })(
      'meta.taxonomy',
      {},
    );
    expect(taxonomy.channels.length).toBeGreaterThan(0);
    await expect(
      aggregatorCall({ baseUrl: api.url, token: 'not-a-token-at-all' })('session.whoami', {}),
    ).rejects.toThrow(FatalSyncError);
    const port = await closedPort();
    await expect(
      aggregatorCall({ baseUrl: `http://127.0.0.1:${port}`, token: 't' })('session.whoami', {}),
    ).rejects.toThrow(TransientSyncError);
  });
});
