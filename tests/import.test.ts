import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Aggregator, openAggregator } from '../src/server/aggregator.js';
import { type ImportSummary, importFile } from '../src/server/ingest/import-file.js';
import { first, rows } from '../src/server/storage/sql.js';
import { type TestStorage, backendCases } from './support/storage-backends.js';

const NOW = Date.parse('2026-11-20T12:00:00Z');

describe.each(backendCases)('on $name', (backendCase) => {
  describe.skipIf(backendCase.skip)('importFile', () => {
    let dir: string;
    let store: TestStorage;
    let aggregator: Aggregator;

    beforeEach(async () => {
      dir = mkdtempSync(join(tmpdir(), 'wocas-import-'));
      store = await backendCase.fresh();
      aggregator = await openAggregator(store.location, () => NOW);
    });

    afterEach(async () => {
      await aggregator.close();
      await store.drop();
      rmSync(dir, { recursive: true, force: true });
    });

    function file(name: string, content: string | Buffer): string {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    }

    async function run(
      path: string,
    ): Promise<{ summary: ImportSummary; rejected: [number, string][] }> {
      const rejected: [number, string][] = [];
      const summary = await importFile(aggregator.ingestor, path, {
        now: () => NOW,
        onRejected: (line, reason) => rejected.push([line, reason]),
      });
      return { summary, rejected };
    }

    interface Row {
      id: string;
      issue_id: string;
      assigned_by: string;
      text: string;
      channel: string;
      team: string | null;
      agent: string | null;
      root_cause: string | null;
      suggested_fix: string | null;
      times_heard: number;
      created_at: number;
      redactions: number;
    }
    const stored = () => rows(aggregator.storage, sql<Row>`SELECT * FROM items ORDER BY seq`);

    describe('importFile: CSV and JSON Lines', () => {
      it('imports a CSV with defaults for absent fields and times in UTC', async () => {
        const path = file(
          'a.csv',
          [
            'text,channel,team,agent,times_heard,created_at',
            'my parcel arrived late,chat,support,amy,3,2026-11-01T10:00:00+02:00',
            '"Refund, still not received",,,,,2026-11-02',
            'no date here,sms,,,,',
          ].join('\n'),
        );
        const { summary, rejected } = await run(path);
        expect(rejected).toEqual([]);
        expect(summary).toEqual({ imported: 3, duplicates: 0, rejected: 0 });
        const [a, b, c] = await stored();
        expect(a).toMatchObject({
          text: 'my parcel arrived late',
          channel: 'chat',
          team: 'support',
          agent: 'amy',
          times_heard: 3,
        });
        expect(a!.created_at).toBe(Date.parse('2026-11-01T08:00:00Z'));
        expect(b).toMatchObject({
          text: 'Refund, still not received',
          channel: 'phone',
          team: null,
          agent: null,
          times_heard: 1,
        });
        expect(b!.created_at).toBe(Date.parse('2026-11-02T00:00:00Z'));
        expect(c!.created_at).toBe(NOW);
      });

      it('imports JSON Lines, skipping blank lines', async () => {
        const path = file(
          'a.jsonl',
          [
            JSON.stringify({
              id: 'j-1',
              text: 'card declined at the shop',
              channel: 'email',
              times_heard: 2,
              segment: 'new',
            }),
            '',
            JSON.stringify({ id: 'j-2', text: '退款还没到账', created_at: '2026-11-03T09:30:00Z' }),
          ].join('\n'),
        );
        const { summary } = await run(path);
        expect(summary).toEqual({ imported: 2, duplicates: 0, rejected: 0 });
        expect((await stored()).map((r) => [r.id, r.text, r.channel, r.times_heard])).toEqual([
          ['j-1', 'card declined at the shop', 'email', 2],
          ['j-2', '退款还没到账', 'phone', 1],
        ]);
      });
    });

    describe('importFile: rejected rows', () => {
      it('reports each bad CSV row with its line number and reason and imports the rest', async () => {
        const path = file(
          'bad.csv',
          [
            'text,channel,times_heard,created_at', // 1
            'fine row one,phone,1,2026-11-01', // 2
            '"   ",phone,1,2026-11-01', // 3: empty after trimming
            'bad channel,fax,1,2026-11-01', // 4
            'heard zero times,phone,0,2026-11-01', // 5
            'impossible date,phone,1,2026-13-45', // 6
            'not a date,phone,1,yesterday', // 7
            `${'x'.repeat(5_001)},phone,1,2026-11-01`, // 8
            `${'y'.repeat(5_000)},phone,1,2026-11-01`, // 9: exactly the limit is fine
            'fine row two,chat,2,2026-11-02', // 10
          ].join('\n'),
        );
        const { summary, rejected } = await run(path);
        expect(summary).toEqual({ imported: 3, duplicates: 0, rejected: 6 });
        expect(rejected.map(([line]) => line)).toEqual([3, 4, 5, 6, 7, 8]);
        const reasons = new Map(rejected);
        expect(reasons.get(3)).toMatch(/^text: .*empty/);
        expect(reasons.get(4)).toMatch(/^channel:/);
        expect(reasons.get(5)).toMatch(/^times_heard:/);
        expect(reasons.get(6)).toMatch(/^created_at:/);
        expect(reasons.get(7)).toMatch(/^created_at:/);
        expect(reasons.get(8)).toMatch(/^text: .*5000/);
        expect((await stored()).map((r) => r.text.slice(0, 12))).toEqual([
          'fine row one',
          'y'.repeat(12),
          'fine row two',
        ]);
      });

      it('reports a rejected multi-line CSV row at the line where it starts', async () => {
        const path = file(
          'multi.csv',
          'text,channel\nfine,phone\n"a quoted\nmulti-line verbatim",fax\nalso fine,chat\n',
        );
        const { summary, rejected } = await run(path);
        expect(summary).toMatchObject({ imported: 2, rejected: 1 });
        expect(rejected.map(([line]) => line)).toEqual([3]);
      });

      it('rejects only the row with invalid UTF-8 bytes', async () => {
        const path = file(
          'bytes.csv',
          Buffer.concat([
            Buffer.from('text,channel\nfirst good row,phone\n', 'utf8'),
            Buffer.from([
              0x62, 0x61, 0x64, 0x20, 0xff, 0xfe, 0x20, 0x62, 0x79, 0x74, 0x65, 0x73, 0x2c, 0x70,
              0x68, 0x6f, 0x6e, 0x65, 0x0a,
            ]),
            Buffer.from('第二行没问题,chat\n', 'utf8'),
          ]),
        );
        const { summary, rejected } = await run(path);
        expect(summary).toEqual({ imported: 2, duplicates: 0, rejected: 1 });
        expect(rejected).toHaveLength(1);
        expect(rejected[0]![0]).toBe(3);
        expect(rejected[0]![1]).toMatch(/UTF-8/);
        expect((await stored()).map((r) => r.text)).toEqual(['first good row', '第二行没问题']);
      });

      it('reports a JSON Lines line that is not JSON, or not an object, by line number', async () => {
        const path = file(
          'bad.jsonl',
          [
            JSON.stringify({ text: 'good one' }),
            '{"text": "cut off',
            '[1, 2]',
            JSON.stringify({ text: 'bad times', times_heard: 0 }),
            JSON.stringify({ text: 'good two', channel: 'sms' }),
          ].join('\n'),
        );
        const { summary, rejected } = await run(path);
        expect(summary).toEqual({ imported: 2, duplicates: 0, rejected: 3 });
        expect(rejected.map(([line]) => line).sort()).toEqual([2, 3, 4]);
        expect(new Map(rejected).get(2)).toMatch(/JSON/);
        expect(new Map(rejected).get(4)).toMatch(/^times_heard:/);
      });
    });

    describe('importFile: idempotence', () => {
      it('adds nothing when the same CSV without ids is imported twice', async () => {
        const path = file(
          'noid.csv',
          'text,agent,created_at\nparcel late,amy,2026-11-01\nrefund missing,bo,2026-11-02\ncard declined,amy,2026-11-03\n',
        );
        expect((await run(path)).summary).toEqual({ imported: 3, duplicates: 0, rejected: 0 });
        expect((await run(path)).summary).toEqual({ imported: 0, duplicates: 3, rejected: 0 });
        expect(await stored()).toHaveLength(3);
      });

      // An id reused with edited text is another report under a taken id: refused as a conflict,
      // by line, never silently dropped as a "duplicate" (docs/input-rules.md).
      it('adds nothing when the same file with ids is imported twice, and refuses edited text as a conflict', async () => {
        const first = file(
          'ids.jsonl',
          ['a', 'b']
            .map((id) => JSON.stringify({ id: `row-${id}`, text: `verbatim ${id}` }))
            .join('\n'),
        );
        expect((await run(first)).summary).toEqual({ imported: 2, duplicates: 0, rejected: 0 });
        const again = file(
          'ids2.jsonl',
          ['a', 'b', 'c']
            .map((id) => JSON.stringify({ id: `row-${id}`, text: `changed ${id}` }))
            .join('\n'),
        );
        const { summary, rejected } = await run(again);
        expect(summary).toEqual({ imported: 1, duplicates: 0, rejected: 2 });
        expect(rejected).toEqual(
          [1, 2].map((line) => [
            line,
            'id: conflict: already used for an item with different content',
          ]),
        );
        expect((await run(first)).summary).toEqual({ imported: 0, duplicates: 2, rejected: 0 });
        expect((await stored()).map((r) => [r.id, r.text])).toEqual([
          ['row-a', 'verbatim a'],
          ['row-b', 'verbatim b'],
          ['row-c', 'changed c'],
        ]);
      });
    });

    describe('importFile: what is stored', () => {
      it('redacts phones, e-mails and cards in text, root_cause and suggested_fix', async () => {
        const path = file(
          'pii.jsonl',
          JSON.stringify({
            text: 'Call me on +44 20 7946 0958 or 13800138000, mail jo.bloggs@example.com',
            root_cause: 'card 4111 1111 1111 1111 was charged twice',
            suggested_fix: 'email refunds@example.co.uk or ring 07700 900123',
          }),
        );
        await run(path);
        const [row] = await stored();
        expect(row!.text).toBe('Call me on [phone] or [phone], mail [email]');
        expect(row!.root_cause).toBe('card [card] was charged twice');
        expect(row!.suggested_fix).toBe('email [email] or ring [phone]');
        expect(row!.redactions).toBe(6);
        const dump =
          JSON.stringify(await rows(aggregator.storage, sql`SELECT * FROM items`)) +
          JSON.stringify(await rows(aggregator.storage, sql`SELECT * FROM issues`));
        for (const secret of ['7946', '13800138000', 'bloggs', '4111', 'refunds@', '900123'])
          expect(dump).not.toContain(secret);
      });

      it('stores hostile text verbatim and the database keeps working', async () => {
        const hostile = [
          '<script>alert(1)</script>',
          "=cmd|' /C calc'!A0",
          "'; DROP TABLE items; --",
          'Robert"); DROP TABLE issues;-- call 13800138000',
        ];
        const path = file(
          'hostile.jsonl',
          hostile.map((text) => JSON.stringify({ text })).join('\n'),
        );
        expect((await run(path)).summary).toEqual({ imported: 4, duplicates: 0, rejected: 0 });
        expect((await stored()).map((r) => r.text)).toEqual([
          ...hostile.slice(0, 3),
          'Robert"); DROP TABLE issues;-- call [phone]',
        ]);
        const more = file('more.csv', 'text\nstill working after all that\n');
        expect((await run(more)).summary).toEqual({ imported: 1, duplicates: 0, rejected: 0 });
        const count = async (table: 'items' | 'issues') =>
          (
            await first(
              aggregator.storage,
              sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(table)}`,
            )
          )?.n;
        expect(await count('items')).toBe(5);
        expect(await count('issues')).toBeGreaterThan(0);
      });

      it("puts an item with an agent's issue_id into that issue", async () => {
        await run(
          file(
            'first.csv',
            'id,text\np1,my parcel arrived three days late\nc1,cannot log in to the app\n',
          ),
        );
        const parcelIssue = (await stored()).find((r) => r.id === 'p1')!.issue_id;
        expect((await stored()).find((r) => r.id === 'c1')!.issue_id).not.toBe(parcelIssue);
        await run(
          file(
            'again.jsonl',
            JSON.stringify({
              id: 'h1',
              text: 'cannot log in to the app, again',
              issue_id: parcelIssue,
            }),
          ),
        );
        const heard = (await stored()).find((r) => r.id === 'h1')!;
        expect(heard.issue_id).toBe(parcelIssue);
        expect(heard.assigned_by).toBe('agent');
      });
    });
  });
});
