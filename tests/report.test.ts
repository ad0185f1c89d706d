import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAggregator } from '../src/server/aggregator.js';
import { first } from '../src/server/storage/sql.js';
import { runWocas } from './support/built-cli.js';
import { type TestStorage, backendCases } from './support/storage-backends.js';

const HOSTILE = [
  "=cmd|' /C calc'!A0",
  '+SUM(1,2) charged twice',
  '-2+3 refund missing',
  '@import evil',
  '\tleading tab in the verbatim',
  '<script>alert("x")</script> my parcel is late',
  '| pipes | and *stars* and [links](http://evil)',
];

function item(
  id: string,
  text: string,
  created_at: string,
  team = 'support',
  extra: Record<string, unknown> = {},
) {
  return { id, text, created_at, team, agent: `agent-${id.length % 3}`, channel: 'chat', ...extra };
}

const FORMULA_START = /^[=+\-@\t\r]/;
const NUMBER = /^[+-]?\d+(?:[.,]\d+)?$/;

describe.each(backendCases)('on $name', (backendCase) => {
  const backend = backendCase.name;
  describe.skipIf(backendCase.skip)('weekly report', () => {
    let dir: string;
    let store: TestStorage;

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'wocas-report-'));
      store = await backendCase.fresh();
      const rows = [
        ...HOSTILE.map((text, i) =>
          item(`h${i}`, text, `2026-11-1${7 + (i % 3)}T10:00:00Z`, 'support', {
            root_cause: '=HYPERLINK("http://evil")',
            suggested_fix: 'send a courier',
          }),
        ),
        ...Array.from({ length: 6 }, (_, i) =>
          item(`p${i}`, `parcel number ${i} arrived late again`, '2026-11-18T09:00:00Z'),
        ),
        ...Array.from({ length: 4 }, (_, i) =>
          item(`z${i}`, `快递${i}天了还没到，物流也不更新`, '2026-11-19T09:00:00Z'),
        ),
        item(
          'other-team',
          'billing team item that must not appear',
          '2026-11-18T09:00:00Z',
          'billing',
        ),
        item('last-week', 'an item from the week before', '2026-11-12T09:00:00Z'),
        // Sunday 17:00 UTC is already Monday 01:00 in Shanghai: in W47 for UTC, in W48 there.
        item('late-sunday', 'late sunday evening complaint about roaming', '2026-11-22T17:00:00Z'),
      ];
      const file = join(dir, 'items.jsonl');
      writeFileSync(file, rows.map((row) => JSON.stringify(row)).join('\n'));
      expect(runWocas(['import', file, ...store.cliFlags], dir).status).toBe(0);
      // Automatic titles are labels of shared words; what an analyst types is what can be hostile.
      const listed = runWocas(['issues', '--json', '--with-items', ...store.cliFlags], dir).stdout;
      const issues = (JSON.parse(listed) as { issues: { id: string; item_ids: string[] }[] })
        .issues;
      const hostile = issues.find((issue) => issue.item_ids.includes('h0'));
      expect(hostile).toBeDefined();
      const update = ['issue', 'update', hostile!.id, '--title', HOSTILE[0]!, ...store.cliFlags];
      expect(runWocas(update, dir).status).toBe(0);
    });
    afterAll(async () => {
      await store?.drop();
      rmSync(dir, { recursive: true, force: true });
    });

    function report(format: string, ...extra: string[]): Buffer {
      const out = join(dir, `report-${format}-${extra.join('-').replace(/\W/g, '')}.${format}`);
      const run = runWocas(
        [
          'report',
          ...store.cliFlags,
          '--team',
          'support',
          '--week',
          '2026-W47',
          '--format',
          format,
          '--out',
          out,
          ...extra,
        ],
        dir,
      );
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      return readFileSync(out);
    }

    describe('wocas report', () => {
      it('csv: the issues with counts, no cell that a spreadsheet would run', () => {
        const rows: string[][] = parse(report('csv').toString('utf8'), { bom: true });
        const [header, ...body] = rows;
        expect(header).toContain('Contacts');
        expect(body.length).toBeGreaterThan(2);
        for (const cell of body.flat())
          expect(FORMULA_START.test(cell) && !NUMBER.test(cell)).toBe(false);
        expect(body.flat().some((cell) => cell.startsWith("'=cmd"))).toBe(true);
        expect(body.flat().join(' ')).not.toContain('billing team item');
      });

      it('xlsx: an issues sheet and a verbatims sheet, no formulas, hostile text neutralised', async () => {
        const workbook = new ExcelJS.Workbook();
        // exceljs types its input as its own Buffer interface; a Node Buffer is what it reads.
        await workbook.xlsx.load(report('xlsx') as unknown as ExcelJS.Buffer);
        expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
          'Issues',
          'Verbatims',
          'Contributors',
        ]);
        const texts: string[] = [];
        for (const sheet of workbook.worksheets) {
          sheet.eachRow((row) =>
            row.eachCell((cell) => {
              expect(cell.formula).toBeFalsy();
              if (typeof cell.value === 'string') texts.push(cell.value);
            }),
          );
        }
        for (const text of texts)
          expect(FORMULA_START.test(text) && !NUMBER.test(text)).toBe(false);
        const verbatims = workbook.getWorksheet('Verbatims');
        const column = (verbatims?.getColumn(3).values ?? []).filter(
          (v): v is string => typeof v === 'string',
        );
        expect(column).toContain("'=cmd|' /C calc'!A0");
        expect(column).toContain('快递0天了还没到，物流也不更新');
        expect(column).toContain('late sunday evening complaint about roaming');
        expect(column.join(' ')).not.toMatch(/billing team item|week before/);
      });

      it('html: self-contained, every string escaped, charts inline', () => {
        const html = report('html').toString('utf8');
        expect(html).not.toContain('<script>');
        expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
        expect(html).toMatch(/<svg[^>]+role="img"/);
        expect(html).not.toMatch(/<(link|img|script)\b/);
        expect(html).toContain('快递');
        expect(html).not.toContain('billing team item');
      });

      it('md: markup in verbatims cannot break the tables', () => {
        const md = report('md').toString('utf8');
        expect(md).toContain('\\| pipes \\| and \\*stars\\* and \\[links\\](http://evil)');
        expect(md).toMatch(/^# What our customers are saying — support, week 2026-W47$/m);
      });

      it('counts the week in the given time zone and speaks Chinese when asked', () => {
        const utc = report('md').toString('utf8');
        const shanghai = report('md', '--tz', 'Asia/Shanghai', '--lang', 'zh-CN').toString('utf8');
        expect(utc).toContain('late sunday evening');
        expect(shanghai).not.toContain('late sunday evening');
        expect(shanghai).toContain('客户之声');
        expect(shanghai).toContain('Asia/Shanghai');
      });

      const canPdf = existsSync(process.env.WOCAS_CHROMIUM ?? '/usr/bin/chromium');
      // Rendering reads nothing from the database that html does not: once, on SQLite, is enough.
      if (backend === 'sqlite')
        it.skipIf(!canPdf && process.env.CI !== 'true')(
          'pdf: the same report, paginated, with Chinese text that extracts',
          () => {
            const pdf = report('pdf', '--lang', 'zh-CN');
            expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
            const path = join(dir, 'extract.pdf');
            writeFileSync(path, pdf);
            const text = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
            expect(text).toContain('客户之声');
            expect(text).toContain('快递0天了还没到');
            expect(text).toContain('<script>alert("x")</script>');
          },
        );

      it('refuses a bad week, zone or format with one line and a non-zero exit', () => {
        for (const args of [
          ['--week', '2026-47'],
          ['--week', '2026-W60'],
          ['--tz', 'Mars/Olympus'],
          ['--format', 'docx'],
        ]) {
          const base = { '--week': '2026-W47', '--tz': 'UTC', '--format': 'html' } as Record<
            string,
            string
          >;
          base[args[0] as string] = args[1] as string;
          const run = runWocas(
            [
              'report',
              ...store.cliFlags,
              '--team',
              'support',
              '--out',
              join(dir, 'x'),
              ...Object.entries(base).flat(),
            ],
            dir,
          );
          expect(run.status).not.toBe(0);
          expect(run.stderr.trim().split('\n')).toHaveLength(1);
          expect(run.stderr).toMatch(/^wocas: /);
        }
      });

      it('the weekly numbers add up', async () => {
        const aggregator = await openAggregator(store.location);
        try {
          const html = report('html').toString('utf8');
          const from = Date.parse('2026-11-16T00:00:00Z');
          const to = Date.parse('2026-11-23T00:00:00Z');
          const items = await first(
            aggregator.storage,
            sql<{
              n: number;
            }>`SELECT count(*) AS n FROM items WHERE team = 'support' AND created_at >= ${from} AND created_at < ${to}`,
          );
          expect(items?.n).toBeGreaterThan(0);
          expect(html).toContain(`Items captured<b>${items?.n}</b>`);
        } finally {
          await aggregator.close();
        }
      });
    });

    describe('GET /api/v1/reports/weekly', () => {
      it('downloads the same report for a lead of the team, and refuses others', async () => {
        const { startApi } = await import('./support/http-fixture.js');
        const api = await startApi(backendCase);
        try {
          const outcome = await api.aggregator.ingestor.ingest([
            {
              id: 'r1',
              text: '=1+1 parcel late',
              channel: 'chat',
              team: 'support',
              agent: 'amy',
              created_at: '2026-11-18T09:00:00.000Z',
              times_heard: 1,
            },
          ]);
          // An analyst's title is what can carry hostile text into a cell.
          const { updateIssue } = await import('../src/server/issues/issue-actions.js');
          await updateIssue(
            api.aggregator.storage,
            outcome.issues['r1']!,
            { title: '=1+1 parcel late' },
            Date.parse('2026-11-18T10:00:00.000Z'),
          );
          const get = (secret: string, team: string, format: string) =>
            fetch(`${api.url}/api/v1/reports/weekly?team=${team}&week=2026-W47&format=${format}`, {
              headers: { authorization: `Bearer ${secret}` },
            });
          const csv = await get(api.secrets.lee, 'support', 'csv');
          expect(csv.status).toBe(200);
          expect(csv.headers.get('content-disposition')).toBe(
            'attachment; filename="wocas-support-2026-W47.csv"',
          );
          expect(await csv.text()).toContain("'=1+1 parcel late");
          expect((await get(api.secrets.lee, 'sales', 'csv')).status).toBe(403);
          expect((await get(api.secrets.amy, 'support', 'csv')).status).toBe(403);
          expect((await get(api.secrets.ana, 'all', 'docx')).status).toBe(400);
          // A parameter left out is named as missing, not as zod's "received undefined".
          const noTeam = await fetch(`${api.url}/api/v1/reports/weekly?week=2026-W47&format=csv`, {
            headers: { authorization: `Bearer ${api.secrets.ana}` },
          });
          expect(noTeam.status).toBe(400);
          expect(((await noTeam.json()) as { error: string }).error).toBe(
            'invalid query: team: is required',
          );
          const unknown = await get(api.secrets.ana, 'nosuch', 'csv');
          expect(unknown.status).toBe(404);
          expect(((await unknown.json()) as { error: string }).error).toMatch(
            /^unknown team "nosuch"; known teams: .*support/,
          );
          const xlsx = await get(api.secrets.ana, 'all', 'xlsx');
          expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
        } finally {
          await api.close();
        }
      });
    });
  });
});
