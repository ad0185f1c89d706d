import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rankIssues } from '../src/server/issues/rank-issues.js';
import { first, rows } from '../src/server/storage/sql.js';
import { type ApiFixture, NOW, call, item, startApi, storedIds } from './support/http-fixture.js';
import { backendCases } from './support/storage-backends.js';

const BATCH = [
  item('amy-1', 'my parcel arrived three days late', { agent: 'amy', team: 'support' }),
  item('amy-2', 'parcel arrived late again', { agent: 'amy', team: 'support', times_heard: 3 }),
  item('amy-3', 'cannot log in to the app', { agent: 'amy', team: 'support' }),
];

const ids = (n: number, prefix = 'it') =>
  Array.from({ length: n }, (_, i) => `${prefix}-${String(i).padStart(4, '0')}`);

for (const backend of backendCases) {
  describe.skipIf(backend.skip)(`the HTTP API (${backend.name})`, () => {
    let api: ApiFixture;

    beforeEach(async () => {
      api = await startApi(backend);
    });

    afterEach(async () => {
      await api.close();
    });

    const push = (token: string, items: unknown[]) =>
      call(api.url, 'POST', '/api/v1/items', { token, json: { items } });
    const issues = (token: string, query = '') =>
      call(api.url, 'GET', `/api/v1/issues${query}`, { token });

    describe('GET /api/v1/health', () => {
      it('answers {"ok":true} without a token', async () => {
        const res = await call(api.url, 'GET', '/api/v1/health');
        expect(res.status).toBe(200);
        expect(res.contentType).toContain('application/json');
        expect(res.body).toEqual({ ok: true });
      });
    });

    describe('POST /api/v1/items and GET /api/v1/issues', () => {
      it('stores a push and reads it back as the `wocas issues --json` document', async () => {
        const res = await push(api.secrets.amy, BATCH);
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({
          accepted: ['amy-1', 'amy-2', 'amy-3'],
          duplicates: [],
          rejected: [],
        });
        // Where each item landed, so the desktop can show the agent what became of it.
        const located = await rows(
          api.aggregator.storage,
          sql<{ id: string; issue_id: string }>`SELECT id, issue_id FROM items`,
        );
        const stored = Object.fromEntries(located.map((row) => [row.id, row.issue_id]));
        expect(res.body.issues).toEqual(stored);

        const read = await issues(api.secrets.ana, '?from=2026-11-01&to=2026-11-20&limit=10');
        expect(read.status).toBe(200);
        const expected = await rankIssues(
          api.aggregator.storage,
          { from: Date.parse('2026-11-01'), to: Date.parse('2026-11-21'), limit: 10 },
          NOW,
        );
        expect(read.body).toEqual(JSON.parse(JSON.stringify(expected)));
        expect(read.body.generated_at).toBe(new Date(NOW).toISOString());
        const mentions = read.body.issues.reduce((sum, issue) => sum + issue.mentions, 0);
        expect(mentions).toBe(3);
      });

      it('is idempotent: pushing the same batch again stores nothing new', async () => {
        await push(api.secrets.amy, BATCH);
        const again = await push(api.secrets.amy, BATCH);
        expect(again.body).toMatchObject({
          accepted: [],
          duplicates: ['amy-1', 'amy-2', 'amy-3'],
          rejected: [],
        });
        expect(Object.keys(again.body.issues).sort()).toEqual(['amy-1', 'amy-2', 'amy-3']);
        expect(await storedIds(api)).toEqual(['amy-1', 'amy-2', 'amy-3']);
      });

      it('stores every item exactly once when identical and overlapping pushes race', async () => {
        const all = ids(600);
        // Amy's items as her token stores them (name and team), so the analyst's load of the same
        // ids is her items too: whoever commits first, the other push is answered as duplicates.
        const batch = (from: number, to: number) =>
          all
            .slice(from, to)
            .map((id) => item(id, `parcel ${id} arrived late`, { agent: 'amy', team: 'support' }));
        const responses = await Promise.all([
          push(api.secrets.amy, batch(0, 400)),
          push(api.secrets.amy, batch(0, 400)),
          push(api.secrets.amy, batch(200, 600)),
          push(api.secrets.ana, batch(0, 600)),
        ]);
        expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200]);
        const accepted = responses.flatMap((r) => r.body.accepted);
        expect([...accepted].sort()).toEqual(all);
        const sent = [400, 400, 400, 600];
        responses.forEach((r, i) =>
          expect(r.body.accepted.length + r.body.duplicates.length).toBe(sent[i]),
        );
        expect(await storedIds(api)).toEqual(all);
        // Amy's retry of all of them, whichever push stored each: every one is hers, a duplicate.
        const retry = await push(api.secrets.amy, batch(0, 600));
        expect(retry.body).toMatchObject({ accepted: [], rejected: [] });
        expect(retry.body.duplicates).toHaveLength(600);
      });
    });

    describe('roles', () => {
      it('lets every role push, as items.capture does', async () => {
        expect(
          (await push(api.secrets.amy, [item('a', 'late parcel', { agent: 'amy' })])).status,
        ).toBe(200);
        expect(
          (await push(api.secrets.ana, [item('b', 'late parcel', { agent: 'bo' })])).status,
        ).toBe(200);
        expect((await push(api.secrets.root, [item('c', 'late parcel')])).status).toBe(200);
        expect((await push(api.secrets.lee, [item('d', 'late parcel')])).status).toBe(200);
        expect(await storedIds(api)).toEqual(['a', 'b', 'c', 'd']);
      });

      it("stores an agent's items under the token's agent and team, whatever the payload says", async () => {
        const res = await push(api.secrets.amy, [
          item('mine', 'late parcel', { agent: 'amy', team: 'sales' }),
          item('theirs', 'late parcel', { agent: 'bo', team: 'sales' }),
          item('bare', 'late parcel'),
        ]);
        expect(res.body).toMatchObject({ accepted: ['mine', 'theirs', 'bare'], rejected: [] });
        const stored = await rows(
          api.aggregator.storage,
          sql<{
            id: string;
            agent: string;
            team: string;
          }>`SELECT id, agent, team FROM items ORDER BY id`,
        );
        expect(stored).toEqual([
          { id: 'bare', agent: 'amy', team: 'support' },
          { id: 'mine', agent: 'amy', team: 'support' },
          { id: 'theirs', agent: 'amy', team: 'support' },
        ]);
      });

      it("stores a lead's items under the lead's team, naming the agent the payload names", async () => {
        await push(api.secrets.lee, [
          item('l1', 'late parcel', { agent: 'amy', team: 'sales' }),
          item('l2', 'late parcel'),
        ]);
        const stored = await rows(
          api.aggregator.storage,
          sql<{
            id: string;
            agent: string | null;
            team: string;
          }>`SELECT id, agent, team FROM items ORDER BY id`,
        );
        expect(stored).toEqual([
          { id: 'l1', agent: 'amy', team: 'support' },
          { id: 'l2', agent: null, team: 'support' },
        ]);
      });

      it('keeps what an analyst sent: an item without agent or team is stored without them', async () => {
        await push(api.secrets.ana, [item('bare', 'late parcel')]);
        const row = await first(
          api.aggregator.storage,
          sql`SELECT agent, team FROM items WHERE id = ${'bare'}`,
        );
        expect(row).toEqual({ agent: null, team: null });
      });

      it('lets every role read issues', async () => {
        await push(api.secrets.amy, BATCH);
        for (const holder of ['amy', 'lee', 'ana', 'root'] as const)
          expect((await issues(api.secrets[holder])).status).toBe(200);
      });
    });

    describe('a lead token', () => {
      beforeEach(async () => {
        await push(api.secrets.root, [
          ...BATCH,
          item('bo-1', 'the invoice total is wrong', { agent: 'bo', team: 'sales' }),
          item('bo-2', 'invoice shows the wrong total', { agent: 'bo', team: 'sales' }),
        ]);
      });

      it("sees only its team's issues", async () => {
        const res = await issues(api.secrets.lee);
        expect(res.status).toBe(200);
        expect(res.body).toEqual(
          JSON.parse(
            JSON.stringify(await rankIssues(api.aggregator.storage, { team: 'support' }, NOW)),
          ),
        );
        const everyone = await issues(api.secrets.ana);
        expect(everyone.body.issues.length).toBeGreaterThan(res.body.issues.length);
      });

      it('may name its own team, and gets 403 for another', async () => {
        expect((await issues(api.secrets.lee, '?team=support')).status).toBe(200);
        const other = await issues(api.secrets.lee, '?team=sales');
        expect(other.status).toBe(403);
        expect(other.body).toEqual({
          error: 'a lead token sees the figures and verbatims of team "support" only',
        });
      });
    });

    describe('authentication', () => {
      it('answers 401 without a token, with a malformed header, or with an unknown token', async () => {
        const missing = await call(api.url, 'GET', '/api/v1/issues');
        expect(missing.status).toBe(401);
        expect(missing.body.error).toMatch(/missing token/);
        const basic = await call(api.url, 'GET', '/api/v1/issues', {
          headers: { authorization: 'Basic YTpi' },
        });
        expect(basic.status).toBe(401);
        const unknown = await issues('wocas_not-a-real-token');
        expect(unknown.status).toBe(401);
        expect(unknown.body).toEqual({ error: 'unknown or revoked token' });
        const unpushed = await call(api.url, 'POST', '/api/v1/items', { json: { items: BATCH } });
        expect(unpushed.status).toBe(401);
        expect(await storedIds(api)).toEqual([]);
      });

      it('answers 401 once a token is revoked', async () => {
        const { secret } = await api.tokens.create({ name: 'cy', role: 'agent' });
        expect((await issues(secret)).status).toBe(200);
        await api.tokens.revoke('cy');
        const res = await issues(secret);
        expect(res.status).toBe(401);
        expect(res.body).toEqual({ error: 'unknown or revoked token' });
      });
    });

    describe('the request log', () => {
      it('has one line per request with route, status and token id, never secrets or verbatims', async () => {
        await push(api.secrets.amy, BATCH);
        await issues(api.secrets.lee, '?team=support');
        await call(api.url, 'GET', '/no/such/thing');
        expect(api.logs.map(({ method, route, status }) => ({ method, route, status }))).toEqual([
          { method: 'POST', route: '/api/v1/items', status: 200 },
          { method: 'GET', route: '/api/v1/issues', status: 200 },
          { method: 'GET', route: null, status: 404 },
        ]);
        const amy = (await api.tokens.list()).find((t) => t.name === 'amy')!;
        expect(api.logs[0]!.token).toBe(amy.id);
        const written = JSON.stringify(api.logs);
        for (const secret of Object.values(api.secrets)) expect(written).not.toContain(secret);
        expect(written).not.toMatch(/parcel|support|Bearer/);
      });

      it('answers unknown routes with a JSON 404', async () => {
        const res = await call(api.url, 'GET', '/api/v2/items');
        expect(res.status).toBe(404);
        expect(res.body).toEqual({ error: 'no such route: GET /api/v2/items' });
      });
    });
  });
}
