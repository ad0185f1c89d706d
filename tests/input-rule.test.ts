import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../src/server/storage/sql.js';
import { type ApiFixture, call, item, startApi, storedIds } from './support/http-fixture.js';
import { backendCases } from './support/storage-backends.js';

/**
 * The input rule (docs/input-rules.md) at every HTTP entry the adversarial run found answering 500
 * on PostgreSQL: NUL bytes, lone surrogates, control and bidi characters, impossible dates, ids
 * reused for other content. Nothing may answer 500, and one bad item may not hurt another.
 */
describe.each(backendCases)('the input rule on $name', (backend) => {
  describe.skipIf(backend.skip)('over HTTP', () => {
    let api: ApiFixture;

    beforeAll(async () => {
      api = await startApi(backend);
    });

    afterAll(async () => {
      await api.close();
    });

    const push = (items: unknown[], token = api.secrets.root) =>
      call(api.url, 'POST', '/api/v1/items', { token, json: { items } });
    const invoke = (method: string, args: object, token = api.secrets.root) =>
      call(api.url, 'POST', `/api/v1/call/${method}`, { token, json: args });
    const storedText = async (id: string) =>
      (
        await rows(
          api.aggregator.storage,
          sql<{
            text: string;
            team: string | null;
            root_cause: string | null;
          }>`SELECT text, team, root_cause FROM items WHERE id = ${id}`,
        )
      )[0];

    it('stores pushed text cleaned of NUL, control, ANSI and bidi characters', async () => {
      const res = await push([
        item('nul-1', 'a\u0000b parcel', {
          team: 'sup\u0000port',
          root_cause: 'depot\u001b[31m red',
        }),
        item('bidi-1', 'refund \u202Egnp.exe\u202C \u2066late\u2069'),
      ]);
      expect(res.status).toBe(200);
      expect(res.body.accepted).toEqual(['nul-1', 'bidi-1']);
      expect(await storedText('nul-1')).toEqual({
        text: 'ab parcel',
        team: 'support',
        root_cause: 'depot red',
      });
      expect((await storedText('bidi-1'))?.text).toBe('refund gnp.exe late');
    });

    it('rejects lone surrogates, blank text and impossible dates item by item', async () => {
      const res = await push([
        item('surrogate', 'broken \uD800 text'),
        item('zero-width', '\u200B\u200B\u200B'),
        item('feb-30', 'late parcel', { created_at: '2026-02-30' }),
        item('year-0', 'late parcel', { created_at: '0000-01-01' }),
        item('far-future', 'late parcel', { created_at: '9999-12-31T00:00:00Z' }),
        item('good', 'late parcel again'),
      ]);
      expect(res.status).toBe(200);
      expect(res.body.accepted).toEqual(['good']);
      const errors = Object.fromEntries(res.body.rejected.map((r) => [r.id, r.error]));
      expect(errors).toEqual({
        surrogate: 'text: holds a lone surrogate (not valid Unicode)',
        'zero-width': 'text: is empty',
        'feb-30': 'created_at: is not a real date',
        'year-0': 'created_at: is not a real date',
        'far-future': 'created_at: is more than a day in the future',
      });
      expect(await storedIds(api)).not.toContain('feb-30');
    });

    it('answers an id reused with other content as a conflict, with the same content as a duplicate', async () => {
      expect((await push([item('reused', 'the router keeps rebooting')])).body.accepted).toEqual([
        'reused',
      ]);
      const again = await push([
        item('reused', 'the router keeps rebooting'),
        item('reused', 'a different complaint'),
      ]);
      expect(again.body.duplicates).toEqual(['reused']);
      expect(again.body.rejected).toEqual([
        { id: 'reused', error: 'id: conflict: already used for an item with different content' },
      ]);
      const inOnePush = await push([item('twin', 'first words'), item('twin', 'other words')]);
      expect(inOnePush.body.accepted).toEqual(['twin']);
      expect(inOnePush.body.rejected.map((r) => r.id)).toEqual(['twin']);
      expect((await storedText('reused'))?.text).toBe('the router keeps rebooting');
    });

    it('answers a retry of an item stored before a redaction rule existed as a duplicate, not a conflict', async () => {
      expect(
        (await push([item('old-rule', 'call me back on 07700 900123 please')])).body.accepted,
      ).toEqual(['old-rule']);
      // As an older aggregator, without the phone rule, would have stored it.
      await sql`UPDATE items SET text = ${'call me back on 07700 900123 please'} WHERE id = 'old-rule'`.execute(
        api.aggregator.storage.db,
      );
      const retry = await push([item('old-rule', 'call me back on 07700 900123 please')]);
      expect(retry.body.duplicates).toEqual(['old-rule']);
      expect(retry.body.rejected).toEqual([]);
    });

    it('answers a retry of an item whose segment held personal data as a duplicate', async () => {
      // The segment is stored redacted; the retry repeats what the agent typed.
      const typed = item('seg-pii', 'card declined at checkout', { segment: 'vip 07700 900123' });
      expect((await push([typed])).body.accepted).toEqual(['seg-pii']);
      const retry = await push([typed]);
      expect(retry.body.duplicates).toEqual(['seg-pii']);
      expect(retry.body.rejected).toEqual([]);
      // And one stored before a redaction rule existed, as an older aggregator left it.
      await sql`UPDATE items SET segment = ${'vip 07700 900123'} WHERE id = 'seg-pii'`.execute(
        api.aggregator.storage.db,
      );
      expect((await push([typed])).body.duplicates).toEqual(['seg-pii']);
    });

    it('cleans call arguments and never answers 500 to a NUL in a lookup', async () => {
      const captured = await invoke(
        'items.capture',
        { text: 'wifi\u0000 drops \u001b[2Jat night' },
        api.secrets.amy,
      );
      expect(captured.status).toBe(200);
      expect((await storedText((captured.body as unknown as { id: string }).id))?.text).toBe(
        'wifi drops at night',
      );
      expect((await invoke('issues.rank', { search: 'a\u0000b' })).status).toBe(200);
      expect((await invoke('issues.detail', { id: 'a\u0000b' })).status).toBe(404);
      expect(
        (await invoke('feedback.markSeen', { issueIds: ['a\u0000b'] }, api.secrets.amy)).status,
      ).toBe(200);
      const lookup = await call(api.url, 'POST', '/api/v1/items/issues', {
        token: api.secrets.root,
        json: { ids: ['a\u0000b'] },
      });
      expect(lookup.status).toBe(200);
      const surrogate = await invoke('issues.rank', { search: 'x\uDC00' });
      expect(surrogate.status).toBe(400);
      expect(surrogate.body.error).toBe('body.search: holds a lone surrogate (not valid Unicode)');
    });

    it('answers 400 to a control character in a query parameter', async () => {
      const issues = await call(api.url, 'GET', '/api/v1/issues?team=a%00b', {
        token: api.secrets.root,
      });
      expect(issues.status).toBe(400);
      expect(issues.body.error).toBe('query parameter team: holds a control character');
      const report = await call(
        api.url,
        'GET',
        '/api/v1/reports/weekly?team=a%00b&week=2026-W47&format=csv',
        { token: api.secrets.root },
      );
      expect(report.status).toBe(400);
      expect(report.body.error).toMatch(/^query parameter team: holds a control character$/);
      const escape = await call(api.url, 'GET', '/api/v1/issues?team=%1B%5B31m', {
        token: api.secrets.root,
      });
      expect(escape.status).toBe(400);
    });

    it('stores and acknowledges every good push racing a bad one', async () => {
      const before = (await storedIds(api)).length;
      const good = Array.from({ length: 100 }, (_, i) =>
        push([item(`race-${i}`, `parcel ${i} arrived late at the depot`)]),
      );
      const bad = push([
        item('race-bad', 'a\u0000b', { created_at: '2026-02-30' }),
        item('race-nul', 'nul\u0000 inside'),
      ]);
      const answers = await Promise.all([...good, bad]);
      expect(answers.map((res) => res.status)).toEqual(answers.map(() => 200));
      expect(answers.slice(0, 100).flatMap((res) => res.body.accepted)).toHaveLength(100);
      expect(answers[100]?.body.accepted).toEqual(['race-nul']);
      expect(answers[100]?.body.rejected.map((r) => r.id)).toEqual(['race-bad']);
      expect((await storedIds(api)).length).toBe(before + 101);
    });
  });
});
