import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { dirname, join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLocalStore } from '../src/main/store/local-store.js';
import { httpAggregatorClient } from '../src/main/sync/aggregator-client.js';
import { DEFAULT_SYNC_OPTIONS, SyncClient } from '../src/main/sync/sync-client.js';
import { rows } from '../src/server/storage/sql.js';
import { BIN, cleanEnv, runWocas } from './support/built-cli.js';
import { type ApiFixture, call, startApi } from './support/http-fixture.js';
import { backendCases, withPostgresClient } from './support/storage-backends.js';

/**
 * Each form of personal data that once reached the disk raw, planted in English and in Chinese
 * text, sent through every way text enters WOCAS; afterwards no file (SQLite databases with their
 * -wal and -shm, raw bytes) and no PostgreSQL table may hold it, in the form typed or folded.
 */
const execFileAsync = promisify(execFile);

interface Form {
  name: string;
  value: string;
}
const FORMS: readonly Form[] = [
  { name: 'full-width mobile', value: '１３８００１３８０００' },
  { name: 'full-width @ in an e-mail', value: 'wang.wei＠example.com' },
  { name: 'full-width e-mail', value: 'ｌｉ．ｎａ＠ｅｘａｍｐｌｅ．ｃｎ' },
  { name: 'ideographic spaces in a mobile', value: '139　0013　9000' },
  { name: 'no-break spaces in a mobile', value: '137\u00a00013\u00a07000' },
  { name: 'zero-width spaces in a mobile', value: '1350\u200b013\u200b5000' },
  { name: 'card with dots', value: '4111.1111.1111.1111' },
  { name: 'card with slashes', value: '5555/5555/5555/4444' },
  { name: 'card with double spaces', value: '4012  8888  8888  1881' },
  { name: 'card with mixed separators', value: '5105-1051 0510-5100' },
  { name: 'full-width card', value: '４２４２ ４２４２ ４２４２ ４２４２' },
  { name: 'lower-case IBAN', value: 'gb82 west 1234 5698 7654 32' },
  { name: 'dashed IBAN', value: 'DE89-3704-0044-0532-0130-00' },
  { name: 'card after a reference word', value: 'order 6011111111111117' },
  { name: 'mobile after 订单号', value: '订单号13600136000' },
  { name: 'mobile read out in Chinese numerals', value: '幺三八零零幺三八零零零' },
  { name: 'code after 验证码是', value: '验证码是 482913' },
  { name: 'e-mail spelled out', value: 'jane dot smith at example dot com' },
  { name: 'e-mail with a Chinese local part', value: '李娜@qq.com' },
  { name: 'e-mail dictated with 艾特 and 点', value: 'zhangwei艾特163点com' },
  { name: 'code in pairs after 验证码', value: '验证码 48 29 13' },
  { name: 'dashed code after OTP', value: 'OTP 5190-7263' },
  { name: 'birth date with the month in words', value: 'born 12 March 1985' },
  {
    name: 'mobile read out in English words',
    value: 'oh seven seven double four one two three four five six',
  },
  { name: 'mobile read out with 两', value: '幺三八两六七五四三二一' },
  { name: 'resident ID in 6-8-4 after 身份证号', value: '身份证号 110105 19491231 0021' },
  { name: 'resident ID in 4-4-4-4-2 after 身份证号：', value: '身份证号：1101 0519 4912 3100 21' },
  { name: 'valid resident ID in groups, no label', value: '4403 0519 9003 0712 36' },
  { name: 'mobile with middle dots', value: '186·0018·6000' },
  { name: 'mobile with bullets', value: '159•0015•9000' },
  { name: 'mobile in formal numerals', value: '壹叁柒零零壹叁柒零零零' },
  { name: 'WeChat id after wx:', value: 'wx: zhang_san88' },
  { name: 'passport in groups', value: 'passport no. E 1234 5678' },
  { name: 'SSN', value: 'SSN 123-45-6789' },
  { name: 'NI number after its label', value: 'national insurance AB123456C' },
  { name: 'NI number in spaced pairs, no label', value: 'JG 10 37 59 A' },
  { name: 'UnionPay number failing Luhn', value: '6222021234567890123' },
];
const LANGUAGES = {
  en: (value: string) => `Customer called again about the parcel, ${value}, still missing`,
  zh: (value: string) => `客户又打电话问包裹，${value}，还是没到`,
} as const;
type Language = keyof typeof LANGUAGES;

/** The personal part of a form: as typed, folded (NFKC), and without separators in either case. */
function needles(form: Form): string[] {
  const personal = form.value.replace(
    /^(?:order |订单号|验证码是? |OTP |born |身份证号[ ：]|wx: |passport no\. |SSN |national insurance )/,
    '',
  );
  const nfkc = personal.normalize('NFKC').replace(/\u200b/g, '');
  const compact = nfkc.replace(/[\s./·•-]/g, '');
  return [...new Set([personal, nfkc, compact, compact.toUpperCase(), compact.toLowerCase()])];
}

interface Planted {
  id: string;
  text: string;
  root_cause: string;
  suggested_fix: string;
  segment: string;
  agent: string;
  created_at: string;
}

/** One item per form and language, the form in every free-text field. */
function planted(prefix: string): Planted[] {
  return FORMS.flatMap((form, f) =>
    (Object.keys(LANGUAGES) as Language[]).map((language) => ({
      id: `${prefix}-${f}-${language}`,
      text: LANGUAGES[language](form.value),
      root_cause: LANGUAGES[language](form.value),
      suggested_fix: LANGUAGES[language](form.value),
      segment: form.value,
      agent: 'amy',
      created_at: '2026-11-18T09:00:00Z',
    })),
  );
}

const PATHS = ['desktop', 'capture-cli', 'http', 'import-jsonl', 'import-csv'] as const;
const ITEMS_PER_PATH = FORMS.length * Object.keys(LANGUAGES).length;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

/** Which needles of which forms a haystack holds, as "form: needle". */
function leaks(haystack: Buffer): string[] {
  return FORMS.flatMap((form) =>
    needles(form)
      .filter((needle) => haystack.includes(Buffer.from(needle, 'utf8')))
      .map((needle) => `${form.name}: ${needle}`),
  );
}

for (const backend of backendCases) {
  describe.skipIf(backend.skip)(`redaction on every way in (${backend.name})`, () => {
    let api: ApiFixture;
    let work: string;
    let inputs: string;
    const printed: string[] = [];

    function wocas(args: string[]): string {
      const run = runWocas(args, work);
      printed.push(run.stdout, run.stderr);
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      return run.stdout;
    }

    /** `wocas sync` must not block this process: the aggregator answering it runs here. */
    async function wocasSync(args: string[]): Promise<void> {
      const run = await execFileAsync(process.execPath, [BIN, ...args], {
        cwd: work,
        env: cleanEnv(),
        encoding: 'utf8',
      });
      printed.push(run.stdout, run.stderr);
      expect(run.stderr).toBe('');
    }

    beforeAll(async () => {
      api = await startApi(backend);
      work = mkdtempSync(join(tmpdir(), 'wocas-redaction-'));
      // What the user hands in (files to import) is theirs: kept apart from what WOCAS writes.
      inputs = mkdtempSync(join(tmpdir(), 'wocas-redaction-inputs-'));
      const instant = { ...DEFAULT_SYNC_OPTIONS, sleep: () => Promise.resolve() };

      // The desktop's own store code, then its sync client pushing over HTTP.
      mkdirSync(join(work, 'desktop'));
      const desktop = openLocalStore(join(work, 'desktop', 'wocas-local.db'));
      for (const item of planted('desktop')) desktop.items.capture(item, new Date(item.created_at));
      const aggregator = httpAggregatorClient({ baseUrl: api.url, token: api.secrets.amy });
      expect(await new SyncClient(desktop, aggregator, instant).sync()).toEqual({
        pushed: ITEMS_PER_PATH,
        pending: 0,
      });
      // The agent corrects each verbatim on the desktop: redacted here, sent by the outbox.
      for (const item of planted('desktop')) desktop.changes.edit(item.id, `${item.text} (fixed)`);
      expect(await new SyncClient(desktop, aggregator, instant).sync()).toEqual({
        pushed: ITEMS_PER_PATH,
        pending: 0,
      });
      desktop.close();

      // `wocas capture` into another local store, then `wocas sync`.
      writeFileSync(
        join(inputs, 'capture.jsonl'),
        planted('capture-cli')
          .map((row) => JSON.stringify(row))
          .join('\n'),
      );
      const captureStore = join(work, 'cli', 'local.db');
      mkdirSync(dirname(captureStore));
      wocas(['capture', '--store', captureStore, '--from', join(inputs, 'capture.jsonl')]);
      await wocasSync([
        'sync',
        '--store',
        captureStore,
        '--server',
        api.url,
        '--token',
        api.secrets.amy,
      ]);

      // The agent corrects those in the browser's way (items.edit).
      for (const item of planted('capture-cli')) {
        const edited = await call(api.url, 'POST', '/api/v1/call/items.edit', {
          token: api.secrets.amy,
          json: { item_id: item.id, text: `${item.text} (fixed)` },
        });
        expect(edited.status, edited.text).toBe(200);
      }

      // A plain HTTP push.
      const pushed = await call(api.url, 'POST', '/api/v1/items', {
        token: api.secrets.ana,
        json: { items: planted('http') },
      });
      expect(pushed.body.accepted).toHaveLength(ITEMS_PER_PATH);

      // `wocas import`, JSON Lines and CSV.
      writeFileSync(
        join(inputs, 'items.jsonl'),
        planted('import-jsonl')
          .map((row) => JSON.stringify(row))
          .join('\n'),
      );
      wocas(['import', join(inputs, 'items.jsonl'), ...api.store.cliFlags]);
      const csvRows = planted('import-csv');
      writeFileSync(
        join(inputs, 'items.csv'),
        stringify(csvRows, { header: true, columns: Object.keys(csvRows[0]!) }),
      );
      wocas(['import', join(inputs, 'items.csv'), ...api.store.cliFlags]);

      // Analysts' edits: title, owner and root cause of an issue, and titles of split-off issues.
      const [largest] = await rows(
        api.aggregator.storage,
        sql<{
          issue_id: string;
        }>`SELECT issue_id FROM items GROUP BY issue_id ORDER BY count(*) DESC, issue_id LIMIT 1`,
      );
      const issue = largest!.issue_id;
      const members = await rows(
        api.aggregator.storage,
        sql<{ id: string }>`SELECT id FROM items WHERE issue_id = ${issue} ORDER BY id`,
      );
      expect(members.length).toBeGreaterThan(FORMS.length);
      for (const [f, form] of FORMS.entries()) {
        wocas([
          'issue',
          'update',
          issue,
          '--title',
          LANGUAGES.en(form.value),
          '--owner',
          form.value,
          '--root-cause',
          LANGUAGES.zh(form.value),
          ...api.store.cliFlags,
        ]);
        wocas([
          'issue',
          'split',
          issue,
          '--items',
          members[f]!.id,
          '--title',
          LANGUAGES.zh(form.value),
          ...api.store.cliFlags,
        ]);
      }
    }, 600_000);

    afterAll(async () => {
      await api?.close();
      rmSync(work, { recursive: true, force: true });
      rmSync(inputs, { recursive: true, force: true });
    });

    it('stored every planted item, each of its four fields redacted once', async () => {
      const stored = await rows(
        api.aggregator.storage,
        sql<{ id: string; redactions: number }>`SELECT id, redactions FROM items`,
      );
      expect(stored).toHaveLength(PATHS.length * ITEMS_PER_PATH);
      // Items from a desktop store arrive redacted already: their count is the desktop's.
      const atServer = stored.filter((item) => !/^(desktop|capture-cli)-/.test(item.id));
      expect(atServer.map((item) => Number(item.redactions))).toEqual(atServer.map(() => 4));
      for (const file of [join(work, 'desktop', 'wocas-local.db'), join(work, 'cli', 'local.db')]) {
        const local = openLocalStore(file);
        const counts = local.db.prepare('SELECT redactions FROM items').pluck().all();
        local.close();
        // The desktop's verbatims were corrected with the form again: found once more.
        const expected = file.includes('desktop') ? 5 : 4;
        expect(counts).toEqual(Array.from({ length: ITEMS_PER_PATH }, () => expected));
      }
      const curated = await rows(
        api.aggregator.storage,
        sql<{
          title: string;
        }>`SELECT title FROM issues WHERE title_source = 'analyst' ORDER BY title`,
      );
      expect(curated).toHaveLength(FORMS.length + 1);
      for (const { title } of curated)
        expect(title).toMatch(/\[(card|phone|email|iban|code|dob|id|handle|passport)\]/);
    });

    it('left no planted value in any file WOCAS wrote', () => {
      const files = [
        ...filesUnder(work),
        ...(backend.name === 'sqlite' ? filesUnder(dirname(api.store.location.db)) : []),
      ];
      // The scan reads what was written: the desktop's store, the CLI's store, their -wal files.
      expect(files.some((file) => file.endsWith('wocas-local.db'))).toBe(true);
      if (backend.name === 'sqlite')
        expect(files.some((file) => file.endsWith('.db-wal'))).toBe(true);
      const all = Buffer.concat(files.map((file) => readFileSync(file)));
      expect(all.includes(Buffer.from('还是没到', 'utf8'))).toBe(true);
      expect(
        files.flatMap((file) => leaks(readFileSync(file)).map((leak) => `${file}: ${leak}`)),
      ).toEqual([]);
    });

    // Registered on PostgreSQL only (the SQLite file's bytes are scanned above), so that nothing
    // shows as skipped under CI=true.
    const onPostgres = backend.name === 'postgres' ? it : () => undefined;
    onPostgres('left no planted value in any PostgreSQL table', async () => {
      const url = api.store.location.databaseUrl!;
      const found = await withPostgresClient(url, async (client) => {
        const tables = await client.query<{ name: string }>(
          `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
        );
        expect(tables.rows.length).toBeGreaterThan(5);
        const out: string[] = [];
        for (const { name } of tables.rows) {
          const dump = await client.query<{ row: string }>(
            `SELECT t::text AS row FROM "${name}" t`,
          );
          const text = Buffer.from(dump.rows.map((r) => r.row).join('\n'), 'utf8');
          out.push(...leaks(text).map((leak) => `${name}: ${leak}`));
        }
        return out;
      });
      expect(found).toEqual([]);
    });

    it('printed no planted value either', () => {
      expect(leaks(Buffer.from(printed.join('\n'), 'utf8'))).toEqual([]);
    });
  });
}

// The figure for the notes: forms × languages × ways in.
describe('the forms tried', () => {
  it('are 37 forms in 2 languages through 5 ways in and 2 kinds of analyst edit', () => {
    expect([FORMS.length, Object.keys(LANGUAGES).length, PATHS.length]).toEqual([37, 2, 5]);
  });
});
