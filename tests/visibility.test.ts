import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  IssueDetail,
  Suggestion,
  TeamSummary,
  TrendSeries,
} from '../src/shared/api/contract.js';
import type { IssueSnapshot, RankedIssues } from '../src/shared/domain/issue.js';
import { tokenize } from '../src/shared/text/tokenize.js';
import { rows } from '../src/server/storage/sql.js';
import { PERMISSIONS } from '../src/server/tokens/permissions.js';
import { type ApiFixture, call, startApi } from './support/http-fixture.js';
import { backendCases } from './support/storage-backends.js';

/**
 * The visibility rule (docs/permissions.md) walked over every route and call method, for each role,
 * against a real server: what every token sees (issue ids, titles, status, owner, company-wide
 * counts) and what follows the role (verbatims, root causes, fixes, per-team and per-agent figures).
 */

type Viewer = 'agent' | 'leadA' | 'leadB' | 'analyst' | 'admin';
const VIEWERS: readonly Viewer[] = ['agent', 'leadA', 'leadB', 'analyst', 'admin'];
const SEES_ALL = (viewer: Viewer) => viewer === 'analyst' || viewer === 'admin';

/** Words only one sales customer said: an agent or a support lead must find no trace of them. */
const SECRET = 'Quokkaville';
const SECRET_TERM = tokenize(SECRET)[0] as string;
// At midnight UTC, a bucket start: this test is about who sees a trend, not bucket arithmetic.
const HEARD = '2026-11-18T00:00:00.000Z';

const ITEMS = [
  // A problem both teams heard: support first, sales later with a secret in its words and notes.
  {
    id: 'sup-1',
    text: 'the parcel arrived late and the box was damaged',
    team: 'support',
    agent: 'amy',
    root_cause: 'courier backlog',
  },
  {
    id: 'sup-2',
    text: 'parcel arrived late again, damaged box',
    team: 'support',
    agent: 'amy',
    root_cause: 'courier backlog',
  },
  {
    id: 'sal-1',
    text: `parcel arrived late and damaged at ${SECRET}`,
    team: 'sales',
    agent: 'bo',
    root_cause: `${SECRET} depot closed`,
  },
  // A problem only sales heard.
  {
    id: 'sal-2',
    text: 'the invoice total is wrong after the refund',
    team: 'sales',
    agent: 'bo',
    suggested_fix: 'recompute invoices',
  },
  {
    id: 'sal-3',
    text: 'invoice total wrong, refund missing',
    team: 'sales',
    agent: 'bo',
    suggested_fix: 'recompute invoices',
  },
].map((item) => ({ ...item, channel: 'phone' as const, created_at: HEARD, times_heard: 1 }));

for (const backend of backendCases) {
  describe.skipIf(backend.skip)(
    `who sees what, over every route and call method (${backend.name})`,
    () => {
      let api: ApiFixture;
      let secrets: Record<Viewer, string>;
      let shared: string;
      let salesOnly: string;
      const checked = new Map<Viewer, Set<string>>(
        VIEWERS.map((viewer) => [viewer, new Set<string>()]),
      );

      beforeAll(async () => {
        api = await startApi(backend);
        const leadB = await api.tokens.create({ name: 'lena', role: 'lead', team: 'sales' });
        secrets = {
          agent: api.secrets.amy,
          leadA: api.secrets.lee,
          leadB: leadB.secret,
          analyst: api.secrets.ana,
          admin: api.secrets.root,
        };
        const outcome = await api.aggregator.ingestor.ingest(ITEMS);
        shared = outcome.issues['sup-1'] as string;
        salesOnly = outcome.issues['sal-2'] as string;
        // The fixture's grouping must be what the checks assume: one shared issue, one sales-only.
        expect(outcome.issues['sal-1']).toBe(shared);
        expect(outcome.issues['sal-3']).toBe(salesOnly);
        expect(salesOnly).not.toBe(shared);
      });
      afterAll(() => api.close());

      /** Records that a route or method was checked for a viewer, so the last test can count them. */
      function as(viewer: Viewer, name: keyof typeof PERMISSIONS) {
        checked.get(viewer)?.add(name);
        return {
          get: (path: string) => call(api.url, 'GET', path, { token: secrets[viewer] }),
          post: (path: string, json: unknown) =>
            call(api.url, 'POST', path, { token: secrets[viewer], json }),
          invoke: (json: unknown) =>
            call(api.url, 'POST', `/api/v1/call/${name}`, { token: secrets[viewer], json }),
        };
      }

      const parsed = <T>(result: { status: number; text: string }): T => {
        expect(result.status, result.text).toBe(200);
        return JSON.parse(result.text) as T;
      };

      it.each(VIEWERS)('GET /api/v1/issues: %s', async (viewer) => {
        const route = as(viewer, 'GET /api/v1/issues');
        const all = parsed<RankedIssues>(await route.get('/api/v1/issues'));
        const byId = new Map(all.issues.map((issue) => [issue.id, issue]));
        if (viewer === 'leadA') {
          expect([...byId.keys()]).toEqual([shared]);
          expect(byId.get(shared)?.mentions).toBe(2);
        } else if (viewer === 'leadB') {
          expect(byId.get(shared)?.mentions).toBe(1);
          expect(byId.get(salesOnly)?.mentions).toBe(2);
        } else {
          // Company-wide counts are every token's; agents get nothing narrower.
          expect(byId.get(shared)?.mentions).toBe(3);
          expect(byId.get(salesOnly)?.mentions).toBe(2);
        }
        const sales = await route.get('/api/v1/issues?team=sales');
        if (SEES_ALL(viewer) || viewer === 'leadB')
          expect(
            parsed<RankedIssues>(sales)
              .issues.map((i) => i.mentions)
              .sort(),
          ).toEqual([1, 2]);
        else expect(sales.status).toBe(403);
        if (viewer === 'agent')
          expect((await route.get('/api/v1/issues?team=support')).status).toBe(403);
      });

      it.each(VIEWERS)('GET /api/v1/sync/issues: %s', async (viewer) => {
        const page = parsed<{ issues: IssueSnapshot[] }>(
          await as(viewer, 'GET /api/v1/sync/issues').get('/api/v1/sync/issues'),
        );
        const byId = new Map(page.issues.map((issue) => [issue.id, issue]));
        expect(byId.get(shared)).toMatchObject({ mentions: 3, times_heard: 3 });
        expect(byId.get(salesOnly)).toMatchObject({ mentions: 2 });
        const terms = page.issues.flatMap((issue) => issue.terms.map(([term]) => term));
        // Shared words stay, so desktops can still suggest "heard again" offline.
        expect(terms).toContain(tokenize('parcel')[0]);
        expect(terms.includes(SECRET_TERM)).toBe(SEES_ALL(viewer));
      });

      it.each(VIEWERS)('POST /api/v1/items/issues: %s', async (viewer) => {
        const ids = ITEMS.map((item) => item.id);
        const found = parsed<{ issues: Record<string, string> }>(
          await as(viewer, 'POST /api/v1/items/issues').post('/api/v1/items/issues', { ids }),
        );
        const expected = {
          agent: ['sup-1', 'sup-2'],
          leadA: ['sup-1', 'sup-2'],
          leadB: ['sal-1', 'sal-2', 'sal-3'],
          analyst: ids,
          admin: ids,
        }[viewer];
        expect(Object.keys(found.issues).sort()).toEqual([...expected].sort());
      });

      it.each(VIEWERS)('GET /api/v1/reports/weekly: %s', async (viewer) => {
        const route = as(viewer, 'GET /api/v1/reports/weekly');
        const report = (team: string) =>
          route.get(`/api/v1/reports/weekly?team=${team}&week=2026-W47&format=md`);
        const sales = await report('sales');
        expect(sales.status).toBe(SEES_ALL(viewer) || viewer === 'leadB' ? 200 : 403);
        expect((await report('all')).status).toBe(SEES_ALL(viewer) ? 200 : 403);
        if (sales.status === 200) expect(sales.text).toContain('invoice');
      });

      it.each(VIEWERS)(
        'session.whoami, meta.taxonomy, feedback.mine, feedback.markSeen: %s',
        async (viewer) => {
          const me = parsed<{ name: string; role: string }>(
            await as(viewer, 'session.whoami').invoke({}),
          );
          expect(me.role).toBe(viewer.startsWith('lead') ? 'lead' : viewer);
          expect(
            parsed<{ teams: string[] }>(await as(viewer, 'meta.taxonomy').invoke({})).teams,
          ).toEqual(['sales', 'support']);
          const mine = parsed<{ id: string }[]>(await as(viewer, 'feedback.mine').invoke({}));
          expect(mine.map((item) => item.id).sort()).toEqual(
            viewer === 'agent' ? ['sup-1', 'sup-2'] : [],
          );
          expect(
            parsed(await as(viewer, 'feedback.markSeen').invoke({ issueIds: [salesOnly] })),
          ).toEqual({ ok: true });
          const seen = await rows(
            api.aggregator.storage,
            sql<{ agent: string }>`SELECT agent FROM feedback_seen WHERE agent = ${me.name}`,
          );
          expect(seen).toHaveLength(1);
        },
      );

      it.each(VIEWERS)(
        'items.edit, items.withdraw, POST /api/v1/items/changes: %s',
        async (viewer) => {
          // Only an agent token changes items, and only its own: another's is as if unknown.
          const edit = await as(viewer, 'items.edit').invoke({ item_id: 'sal-2', text: 'x' });
          const withdraw = await as(viewer, 'items.withdraw').invoke({ item_id: 'sal-2' });
          const batch = await as(viewer, 'POST /api/v1/items/changes').post(
            '/api/v1/items/changes',
            { changes: [{ id: 'change-sal-2', item_id: 'sal-2', kind: 'withdraw' }] },
          );
          if (viewer === 'agent') {
            expect([edit.status, withdraw.status, batch.status]).toEqual([400, 400, 200]);
            expect(edit.body.error).toBe('item_id: no such item of yours');
            expect(batch.body.rejected).toEqual([
              { id: 'change-sal-2', error: 'item_id: no such item of yours' },
            ]);
          } else {
            expect([edit.status, withdraw.status, batch.status]).toEqual([403, 403, 403]);
            expect(edit.body.error).toContain('only agents change their own items');
          }
          const still = await rows(
            api.aggregator.storage,
            sql<{ text: string }>`SELECT text FROM items WHERE id = 'sal-2'`,
          );
          expect(still.map((row) => row.text)).toEqual([
            'the invoice total is wrong after the refund',
          ]);
        },
      );

      it.each(VIEWERS)('issues.suggest: %s', async (viewer) => {
        const method = as(viewer, 'issues.suggest');
        // Every token finds a problem another team heard first, by its shared words.
        const common = parsed<Suggestion[]>(
          await method.invoke({ text: 'the invoice total is wrong' }),
        );
        expect(common.map((s) => s.id)).toContain(salesOnly);
        expect(common.find((s) => s.id === salesOnly)?.mentions).toBe(2);
        // A word only one other customer said cannot be probed for.
        const probe = parsed<Suggestion[]>(await method.invoke({ text: `${SECRET} ${SECRET}` }));
        // Analysts may match on it (suggestions abstain when unsure, so possibly nothing).
        if (SEES_ALL(viewer)) expect(probe.every((s) => s.id === shared)).toBe(true);
        else expect(probe).toEqual([]);
        // Nor is it ever said back as a matched word, to whoever asks: matched words are shared.
        for (const suggestion of probe) expect(suggestion.matched).toEqual([]);
        expect(common.find((s) => s.id === salesOnly)?.matched?.length).toBeGreaterThan(0);
      });

      it.each(VIEWERS)('issues.rank: %s', async (viewer) => {
        const method = as(viewer, 'issues.rank');
        const all = await method.invoke({});
        if (viewer === 'agent') return expect(all.status).toBe(403);
        const ids = parsed<RankedIssues>(all).issues.map((issue) => issue.id);
        expect(ids.sort()).toEqual(viewer === 'leadA' ? [shared] : [shared, salesOnly].sort());
        const search = parsed<RankedIssues>(await method.invoke({ search: SECRET })).issues.map(
          (issue) => issue.id,
        );
        expect(search).toEqual(viewer === 'leadA' ? [] : [shared]);
        expect(
          (await method.invoke({ team: viewer === 'leadB' ? 'support' : 'sales' })).status,
        ).toBe(viewer.startsWith('lead') ? 403 : 200);
      });

      it.each(VIEWERS)('issues.detail: %s', async (viewer) => {
        const result = await as(viewer, 'issues.detail').invoke({ id: shared });
        if (viewer === 'agent') return expect(result.status).toBe(403);
        const detail = parsed<IssueDetail>(result);
        const teams = [...new Set(detail.verbatims.map((v) => v.team))].sort();
        expect(teams).toEqual(
          {
            leadA: ['support'],
            leadB: ['sales'],
            analyst: ['sales', 'support'],
            admin: ['sales', 'support'],
          }[viewer],
        );
        expect(JSON.stringify(detail).includes(SECRET)).toBe(viewer !== 'leadA');
        expect(detail.issue.mentions).toBe({ leadA: 2, leadB: 1, analyst: 3, admin: 3 }[viewer]);
      });

      it.each(VIEWERS)('stats.trend: %s', async (viewer) => {
        const method = as(viewer, 'stats.trend');
        const result = await method.invoke({
          bucket: 'day',
          issueIds: [salesOnly],
          from: '2026-11-15',
          to: '2026-11-20',
        });
        if (viewer === 'agent') return expect(result.status).toBe(403);
        const trend = parsed<TrendSeries>(result);
        const total = trend.series[0]?.times_heard.reduce((sum, n) => sum + n, 0);
        // Another team's issue: its title is everyone's, its figures are not.
        expect(total).toBe(viewer === 'leadA' ? 0 : 2);
        expect((await method.invoke({ bucket: 'day', team: 'sales' })).status).toBe(
          viewer === 'leadA' ? 403 : 200,
        );
      });

      it.each(VIEWERS)('stats.breakdown: %s', async (viewer) => {
        const result = await as(viewer, 'stats.breakdown').invoke({ by: 'team' });
        if (viewer === 'agent') return expect(result.status).toBe(403);
        const keys = parsed<{ key: string }[]>(result)
          .map((row) => row.key)
          .sort();
        expect(keys).toEqual(
          {
            leadA: ['support'],
            leadB: ['sales'],
            analyst: ['sales', 'support'],
            admin: ['sales', 'support'],
          }[viewer],
        );
      });

      it.each(VIEWERS)('team.summary: %s', async (viewer) => {
        const method = as(viewer, 'team.summary');
        const sales = await method.invoke({ team: 'sales' });
        expect(sales.status).toBe(viewer === 'agent' || viewer === 'leadA' ? 403 : 200);
        if (sales.status !== 200) return;
        const summary = JSON.parse(sales.text) as TeamSummary;
        expect(summary.contributors).toEqual([{ agent: 'bo', items: 3, times_heard: 3 }]);
        expect(summary.verbatims.map((v) => v.id).sort()).toEqual(['sal-1', 'sal-2', 'sal-3']);
      });

      it.each(VIEWERS)(
        'POST /api/v1/items and items.capture store under the token (last: they add items): %s',
        async (viewer) => {
          const pushed = await as(viewer, 'POST /api/v1/items').post('/api/v1/items', {
            items: [
              {
                id: `push-${viewer}`,
                text: 'parcel arrived late',
                agent: 'someone-else',
                team: 'elsewhere',
                created_at: HEARD,
              },
            ],
          });
          expect(pushed.body.accepted).toEqual([`push-${viewer}`]);
          // Pushing another agent's id is a duplicate, and must not say which issue their item is in.
          const foreign = await as(viewer, 'POST /api/v1/items').post('/api/v1/items', {
            items: [{ id: 'sal-1', text: 'parcel arrived late', created_at: HEARD }],
          });
          // (Stamped with another agent, the content differs: whether that is a duplicate or a conflict,
          // the answer must not carry the issue to a token that may not see bo's items.)
          const told = Object.keys(foreign.body.issues as unknown as object);
          const permitted = SEES_ALL(viewer) || viewer === 'leadB';
          expect(told).toEqual(
            permitted && foreign.body.duplicates.includes('sal-1') ? ['sal-1'] : [],
          );
          const captured = parsed<{ id: string }>(
            await as(viewer, 'items.capture').invoke({ text: 'parcel arrived late' }),
          );
          const stored = await rows(
            api.aggregator.storage,
            sql<{
              id: string;
              agent: string | null;
              team: string | null;
            }>`SELECT id, agent, team FROM items WHERE id IN (${`push-${viewer}`}, ${captured.id}) ORDER BY id = ${captured.id}`,
          );
          const pushedAs = {
            agent: { agent: 'amy', team: 'support' },
            leadA: { agent: 'someone-else', team: 'support' },
            leadB: { agent: 'someone-else', team: 'sales' },
          }[viewer as 'agent'];
          expect(stored[0]).toEqual({
            id: `push-${viewer}`,
            ...(pushedAs ?? { agent: 'someone-else', team: 'elsewhere' }),
          });
          const name = { agent: 'amy', leadA: 'lee', leadB: 'lena', analyst: 'ana', admin: 'root' }[
            viewer
          ];
          const team = {
            agent: 'support',
            leadA: 'support',
            leadB: 'sales',
            analyst: null,
            admin: null,
          }[viewer];
          expect(stored[1]).toEqual({ id: captured.id, agent: name, team });
        },
      );

      it.each(VIEWERS)('the workbench methods: %s', async (viewer) => {
        // Analysts and admins curate: an unknown issue is a 404 for them, a 403 for everyone else.
        const curation = [
          ['issues.update', { id: 'no-such-issue', owner: 'Billing' }],
          ['issues.merge', { id: 'no-such-issue', into: 'no-such-either' }],
          ['issues.split', { id: 'no-such-issue', itemIds: ['sup-1'] }],
          ['issues.moveItems', { itemIds: ['sup-1'], into: 'no-such-issue' }],
          ['issues.history', { id: 'no-such-issue' }],
          ['issues.similar', { id: 'no-such-issue' }],
          ['issues.splitProposal', { id: 'no-such-issue' }],
        ] as const;
        for (const [name, args] of curation) {
          const answer = await as(viewer, name).invoke(args);
          expect(answer.status, `${name}: ${answer.text}`).toBe(SEES_ALL(viewer) ? 404 : 403);
        }
        // Merge and move targets (titles, company-wide counts) are for those who merge and move.
        const targets = await as(viewer, 'issues.find').invoke({ search: 'no-such-title' });
        expect(targets.status, targets.text).toBe(SEES_ALL(viewer) ? 200 : 403);
        // An issue's sample verbatim follows the same rule: a lead's is one of their team's words.
        const samples = await as(viewer, 'issues.samples').invoke({ ids: [shared] });
        if (viewer === 'agent') expect(samples.status).toBe(403);
        else {
          const [sample] = parsed<{ id: string; text: string }[]>(samples);
          const team = viewer === 'leadA' ? 'support' : viewer === 'leadB' ? 'sales' : undefined;
          const own = await as(viewer, 'issues.items').invoke({ id: shared, limit: 500 });
          const texts = parsed<{ items: { text: string; team: string | null }[] }>(own)
            .items.filter((item) => team === undefined || item.team === team)
            .map((item) => item.text);
          expect(sample?.id).toBe(shared);
          expect(texts).toContain(sample?.text);
        }
        // The verbatims of an issue follow the role: a lead reads their own team's, an agent none.
        const items = await as(viewer, 'issues.items').invoke({ id: shared });
        if (viewer === 'agent') return expect(items.status).toBe(403);
        const teams = parsed<{ items: { team: string | null }[] }>(items).items.map((i) => i.team);
        if (viewer === 'leadA') expect([...new Set(teams)]).toEqual(['support']);
        else if (viewer === 'leadB') expect([...new Set(teams)]).toEqual(['sales']);
        else expect(teams).toEqual(expect.arrayContaining(['sales', 'support']));
      });

      it.each(VIEWERS)('the settings methods (channel costs, webhooks): %s', async (viewer) => {
        const admin = viewer === 'admin';
        const shown = await as(viewer, 'costs.show').invoke({});
        expect(shown.status).toBe(viewer === 'agent' ? 403 : 200);
        expect((await as(viewer, 'webhooks.list').invoke({})).status).toBe(admin ? 200 : 403);
        // Changes that leave nothing behind: the role is checked first, so only an admin's reach
        // the arguments (a 400) or the missing webhook (a 404).
        const changes = [
          ['costs.set', { channel: 'phone', minutes: -1, per_minute: 1 }, 400],
          ['webhooks.add', { url: 'ftp://chat.example/hook' }, 400],
          ['webhooks.remove', { id: 'whk_none' }, 404],
        ] as const;
        for (const [name, args, adminStatus] of changes) {
          const answer = await as(viewer, name).invoke(args);
          expect(answer.status, `${name}: ${answer.text}`).toBe(admin ? adminStatus : 403);
        }
      });

      it('walked every route and call method of the permission table for every role', () => {
        const everything = Object.keys(PERMISSIONS).sort();
        for (const viewer of VIEWERS)
          expect([...(checked.get(viewer) ?? [])].sort(), viewer).toEqual(everything);
        expect(everything).toHaveLength(34);
      });
    },
  );
}
