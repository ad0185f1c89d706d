import { request } from 'node:http';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type ApiFixture, call, item, startApi, storedIds } from './support/http-fixture.js';

let api: ApiFixture;

beforeAll(async () => {
  api = await startApi();
});

afterAll(async () => {
  await api.close();
});

/** Whatever a request did, the server still answers and still takes a good push. */
afterEach(async () => {
  expect((await call(api.url, 'GET', '/api/v1/health')).body).toEqual({ ok: true });
  const id = `probe-${(await storedIds(api)).length}`;
  const res = await pushRaw(JSON.stringify({ items: [item(id, 'late parcel')] }));
  expect(res.body.accepted).toEqual([id]);
});

const pushRaw = (raw: string | Uint8Array, headers: Record<string, string> = {}) =>
  call(api.url, 'POST', '/api/v1/items', { token: api.secrets.root, raw, headers });
const pushItems = (items: unknown[]) =>
  call(api.url, 'POST', '/api/v1/items', { token: api.secrets.root, json: { items } });

function expectJsonError(
  res: { status: number; contentType: string | null; body: unknown; text: string },
  status: number,
  message: RegExp,
) {
  expect(res.status).toBe(status);
  expect(res.contentType).toContain('application/json');
  expect(Object.keys(res.body as object)).toEqual(['error']);
  expect((res.body as { error: string }).error).toMatch(message);
  expect(res.text).not.toMatch(/\n\s+at |<html/i);
}

describe('bodies that are not {"items":[…]}', () => {
  it('answers 400 to malformed JSON', async () => {
    expectJsonError(await pushRaw('{"items":[{"id":"x",'), 400, /not valid JSON/);
    expectJsonError(await pushRaw(''), 400, /empty/);
  });

  it('answers 400 to the wrong shape or types', async () => {
    expectJsonError(await pushRaw('[]'), 400, /^invalid body: expected \{"items":\[…\]\}/);
    expectJsonError(await pushRaw('{"items":{}}'), 400, /items: .*expected array/);
    expectJsonError(await pushRaw('{"items":[],"cursor":1}'), 400, /unknown field\(s\): cursor/);
    expectJsonError(await pushRaw('"items"'), 400, /^invalid body: expected \{"items"/);
  });

  it('answers 415 to a body that is not JSON', async () => {
    expectJsonError(
      await pushRaw('items=1', { 'content-type': 'application/x-www-form-urlencoded' }),
      415,
      /Content-Type: application\/json/,
    );
  });

  it('answers 400 to bytes that are not UTF-8, and stores nothing', async () => {
    const before = (await storedIds(api)).length;
    const bytes = Buffer.concat([
      Buffer.from('{"items":[{"id":"bad-utf8","text":"caf'),
      Buffer.from([0xc3, 0x28]),
      Buffer.from('"}]}'),
    ]);
    expectJsonError(await pushRaw(bytes), 400, /not valid UTF-8/);
    expect((await storedIds(api)).length).toBe(before);
  });

  it('refuses __proto__ and constructor keys, saying so', async () => {
    expectJsonError(
      await pushRaw('{"items":[{"id":"p","text":"x","__proto__":{"admin":true}}]}'),
      400,
      /"__proto__" or "constructor" key/,
    );
    expectJsonError(
      await pushRaw('{"items":[{"id":"p","text":"x","constructor":{"prototype":{"a":1}}}]}'),
      400,
      /"__proto__" or "constructor" key/,
    );
  });

  it('answers 400 to a body nested thousands deep, on every kind of route', async () => {
    // Ten kilobytes of brackets overflowed the stack of the walk that cleans every string: a 500.
    const deep = (key: string) => `{"${key}":${'['.repeat(5_000)}${']'.repeat(5_000)}}`;
    for (const [path, body] of [
      ['/api/v1/call/session.whoami', deep('x')],
      ['/api/v1/call/issues.rank', deep('from')],
      ['/api/v1/items/issues', deep('ids')],
    ] as const) {
      const res = await call(api.url, 'POST', path, { token: api.secrets.root, raw: body });
      expectJsonError(res, 400, /nested deeper than 32 levels/);
    }
    // A push answers per item: the deep one fails alone and the good one goes in.
    const res = await pushRaw(
      `{"items":[{"id":"deep","text":${'['.repeat(5_000)}${']'.repeat(5_000)}},{"id":"flat","text":"late parcel"}]}`,
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ accepted: ['flat'], rejected: [{ id: 'deep' }] });
  });
});

describe('items that fail validation', () => {
  it('are rejected one by one, with their id or index, while the rest go in', async () => {
    const res = await pushItems([
      item('ok-1', 'the app crashes on start'),
      { id: 'typed', text: 5, times_heard: '2' },
      { id: 'extra', text: 'fine words', colour: 'blue' },
      { text: 'no id at all' },
      { id: 42, text: 'numeric id' },
      'not an object',
      item('long', 'x'.repeat(10_000)),
      item('bad-channel', 'words', { channel: 'fax' }),
    ]);
    expect(res.status).toBe(200);
    expect(res.body.accepted).toEqual(['ok-1']);
    const errors = Object.fromEntries(res.body.rejected.map((r) => [r.id, r.error]));
    expect(Object.keys(errors)).toEqual([
      'typed',
      'extra',
      '#3',
      '#4',
      '#5',
      'long',
      'bad-channel',
    ]);
    expect(errors.typed).toMatch(/text: must be text; times_heard: /);
    expect(errors.extra).toBe('unknown field(s): colour');
    expect(errors['#3']).toMatch(/id: is required/);
    expect(errors['#4']).toMatch(/^id: /);
    expect(errors.long).toBe('text: is longer than 5000 characters');
    expect(errors['bad-channel']).toMatch(/^channel: /);
  });
});

describe('size limits', () => {
  it('answers 413 to a body over 1 MiB', async () => {
    const items = Array.from({ length: 300 }, (_, i) => item(`big-${i}`, 'y'.repeat(4_000)));
    const raw = JSON.stringify({ items });
    expect(raw.length).toBeGreaterThan(1024 * 1024);
    expectJsonError(await pushRaw(raw), 413, /larger than 1 MiB/);
    expect((await storedIds(api)).filter((id) => id.startsWith('big-'))).toEqual([]);
  });

  it('answers 413 to a body over 1 MiB sent without Content-Length (chunked)', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${api.url}/api/v1/items`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${api.secrets.root}`,
        },
      });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.write('{"items":[');
      for (let i = 0; i < 40; i++)
        req.write(`${JSON.stringify(item(`chunk-${i}`, 'z'.repeat(30_000)))},`);
      req.end('{}]}');
    });
    expect(status).toBe(413);
  });

  it('answers 413 to more than 1,000 items, with the limit in the message', async () => {
    const items = Array.from({ length: 1_001 }, (_, i) => ({ id: `many-${i}`, text: 'a' }));
    expectJsonError(await pushItems(items), 413, /at most 1,000 items a request, got 1,001/);
    expect((await storedIds(api)).filter((id) => id.startsWith('many-'))).toEqual([]);
  });
});

describe('GET /api/v1/issues queries', () => {
  const get = (query: string) =>
    call(api.url, 'GET', `/api/v1/issues${query}`, { token: api.secrets.ana });

  it('answers 400 to invalid parameters', async () => {
    expectJsonError(await get('?limit=0'), 400, /limit: must be a positive whole number/);
    expectJsonError(await get('?limit=ten'), 400, /limit/);
    expectJsonError(await get('?from=yesterday'), 400, /from: must be an ISO 8601 date/);
    expectJsonError(await get('?channel=fax'), 400, /channel/);
    expectJsonError(await get('?sort=score'), 400, /unknown field\(s\): sort/);
    expectJsonError(await get('?team=a&team=b'), 400, /team: must be given once/);
    expectJsonError(await get('?from=2026-11-10&to=2026-11-01'), 400, /from must be before to/);
  });

  it('reads empty parameters as absent, as the contract template sends them', async () => {
    await pushItems([item('for-query', 'the parcel never arrived')]);
    const res = await get('?from=&to=&team=&channel=&limit=');
    expect(res.status).toBe(200);
    expect(res.body.issues.length).toBeGreaterThan(0);
  });
});

describe('other failures', () => {
  it('answers 400 in JSON to a malformed path escape', async () => {
    expectJsonError(
      await call(api.url, 'GET', '/api/v1/%E0%A4%A'),
      400,
      /not a valid url component/,
    );
  });

  it('answers 500 with a plain message, no stack, and logs what went wrong', async () => {
    // A real storage failure, raised by SQLite itself inside the ingest transaction.
    await sql`CREATE TRIGGER fail_insert BEFORE INSERT ON items BEGIN SELECT RAISE(ABORT, 'disk full at /var/lib/wocas'); END`.execute(
      api.aggregator.storage.db,
    );
    try {
      expectJsonError(await pushItems([item('boom', 'late parcel')]), 500, /^internal error$/);
    } finally {
      await sql`DROP TRIGGER fail_insert`.execute(api.aggregator.storage.db);
    }
    expect(api.logs.at(-1)).toMatchObject({
      status: 500,
      route: '/api/v1/items',
      error: 'disk full at /var/lib/wocas',
    });
  });
});
