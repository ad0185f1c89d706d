import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAggregator } from '../src/server/aggregator.js';
import { first } from '../src/server/storage/sql.js';
import { runWocas } from './support/built-cli.js';
import { type TestStorage, backendCases } from './support/storage-backends.js';

/**
 * A Chinese team's week (2026-W47, Asia/Shanghai) read back the way its lead and the lead's boss
 * read it: the PDF's text and page pixels, the workbook's cells and filters, the HTML's order.
 */
const TEAM = 'hangzhou';
const WEEK_DAY = (day: number, hour: number) =>
  `2026-11-${String(16 + day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00+08:00`;

/** Topics with distinct words so each becomes its own issue; the first ones heard most. */
const TOPICS: string[][] = [
  [
    '查个流量都查不了，要这个APP有什么用，每次打开都转圈圈然后闪退',
    'APP打开就闪退，查流量查话费都查不了',
    '这个APP一打开就闪退，流量也查不了',
  ],
  [
    '宽带半夜自动断网，监控摄像头录不了像',
    '宽带每天半夜断网，摄像头一直离线',
    '半夜宽带断网，家里监控全断了',
  ],
  [
    '退款申请了半个月还没到账，客服只会说再等等',
    '退款一直没到账，已经半个月了',
    '退款到现在还没到账',
  ],
  [
    '一天收三十块漫游费，这个谁提前说过？',
    '出国一天扣了三十块漫游费，没人提醒',
    '漫游费一天三十块太贵了',
  ],
  [
    '能不能把账单明细发我一份，我要一项一项对',
    '账单明细在哪里看，我要逐项核对',
    '想要一份详细账单核对扣费',
  ],
  ['显示5G，但是网页根本打不开', '5G信号满格可是网页打不开', '手机显示5G但是上不了网'],
  ['输完验证码又让我重新登录，死循环', '验证码输了还是跳回登录页面', '登录时验证码输完又要登录'],
  [
    '办的时候说两年不涨价，现在又来通知涨价',
    '合约说好两年不涨价，现在涨价了',
    '套餐突然涨价，说好的不涨呢',
  ],
  ['快递三天了还没到，物流也不更新', '物流信息三天没更新，快递没到', '快递一直没到，物流停了'],
  ['营业厅排队两个小时才办上业务', '营业厅排队太久了，等了两小时', '去营业厅排了两个钟头队'],
  ['积分兑换的话费一直没到账', '积分换的话费没到账', '用积分兑换话费失败'],
  [
    'Wifi was on all day and still no signal upstairs',
    'Wifi was on all day and still no signal upstairs',
    'wifi on all day, still no signal upstairs!',
  ],
  [
    'Roaming charges in Japan were never explained to me',
    'Nobody explained the roaming charges in Japan',
  ],
  ['国际长途打不出去，一直提示号码有误', '国际长途拨不通，提示号码错误'],
];

function items(): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = [];
  TOPICS.forEach((texts, topic) => {
    // Topic 0 heard most; each later one less, so the order is plain.
    const count = Math.max(2, 14 - topic);
    for (let i = 0; i < count; i++) {
      rows.push({
        id: `t${topic}-${i}`,
        text: texts[i % texts.length],
        created_at: WEEK_DAY(i % 7, 9 + (i % 8)),
        team: TEAM,
        agent: `坐席${i % 4}`,
        channel: ['chat', 'phone', 'email'][topic % 3],
        segment: ['at_risk', 'high_value', 'new'][i % 3],
        times_heard: 1,
      });
    }
  });
  // Last week, topic 2 was quiet and topic 3 absent: they rose.
  rows.push({
    id: 'prev-1',
    text: TOPICS[2]?.[1],
    created_at: '2026-11-10T10:00:00+08:00',
    team: TEAM,
    agent: '坐席1',
    channel: 'chat',
  });
  // Another team's item on the same topic: never in this team's report.
  rows.push({
    id: 'other',
    text: '查流量的APP闪退了，billing team words',
    created_at: WEEK_DAY(2, 10),
    team: 'billing',
    agent: 'amy',
    channel: 'chat',
  });
  return rows;
}

const canPdf = existsSync(process.env.WOCAS_CHROMIUM ?? '/usr/bin/chromium');

describe.each(backendCases)('on $name', (backendCase) => {
  describe.skipIf(backendCase.skip)("a Chinese team's weekly report, read back", () => {
    let dir: string;
    let store: TestStorage;

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'wocas-readback-'));
      store = await backendCase.fresh();
      const file = join(dir, 'items.jsonl');
      writeFileSync(
        file,
        items()
          .map((row) => JSON.stringify(row))
          .join('\n'),
      );
      expect(runWocas(['import', file, ...store.cliFlags], dir).status).toBe(0);
      // The flight-roaming issue was marked fixed during the week (an analyst's change in its history).
      const aggregator = await openAggregator(store.location);
      try {
        const roaming = await first(
          aggregator.storage,
          sql<{ issue_id: string }>`SELECT issue_id FROM items WHERE id = 't12-0'`,
        );
        await sql`UPDATE issues SET status = 'fixed' WHERE id = ${roaming?.issue_id}`.execute(
          aggregator.storage.db,
        );
        await sql`INSERT INTO issue_history (issue_id, at, action, field, old_value, new_value)
          VALUES (${roaming?.issue_id}, ${Date.parse('2026-11-19T10:00:00Z')}, 'update', 'status', 'new', 'fixed')`.execute(
          aggregator.storage.db,
        );
      } finally {
        await aggregator.close();
      }
    });
    afterAll(async () => {
      await store?.drop();
      rmSync(dir, { recursive: true, force: true });
    });

    function report(format: string, lang: string, team = TEAM): Buffer {
      const out = join(dir, `report-${team}-${lang}.${format}`);
      const run = runWocas(
        [
          'report',
          ...store.cliFlags,
          '--team',
          team,
          '--week',
          '2026-W47',
          '--tz',
          'Asia/Shanghai',
          '--lang',
          lang,
          '--format',
          format,
          '--out',
          out,
        ],
        dir,
      );
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      return readFileSync(out);
    }

    it('orders the rows by the contacts they show', () => {
      const html = report('html', 'zh-CN').toString('utf8');
      const table = html.slice(html.indexOf('<tbody>'), html.indexOf('</tbody>'));
      const contacts = [
        ...table.matchAll(/<tr><td class="n">\d+<\/td><td>[^<]*<\/td><td class="n">(\d+)<\/td>/g),
      ].map((m) => Number(m[1]));
      expect(contacts.length).toBeGreaterThanOrEqual(10);
      expect(contacts).toEqual([...contacts].sort((a, b) => b - a));
      expect(html).toContain('按本周联系次数从多到少排列');
    });

    it('quotes each verbatim once per issue, only this team’s, the on-topic ones first', () => {
      const html = report('html', 'en').toString('utf8');
      const sections = html.split('<section class="issue">').slice(1);
      expect(sections.length).toBeGreaterThanOrEqual(10);
      for (const section of sections) {
        const quotes = [...section.matchAll(/<blockquote>([^<]*)<\/blockquote>/g)].map((m) =>
          (m[1] ?? '')
            .toLowerCase()
            .replace(/[\s\p{P}]+/gu, ' ')
            .trim(),
        );
        expect(new Set(quotes).size).toBe(quotes.length);
      }
      expect(
        html.match(/<blockquote>wifi was on all day,? and still no signal upstairs/gi)?.length,
      ).toBe(1);
      expect(html).not.toContain('billing team words');
    });

    it('opens with a summary computed from the week, in the report’s language', () => {
      const md = report('md', 'zh-CN').toString('utf8');
      const summary = md.split('\n').find((line) => line.startsWith('**摘要:**')) ?? '';
      expect(summary).toMatch(/本周 \d+ 次联系，较上周（1）\+\d+/);
      expect(summary).toContain('新出现');
      expect(summary).toContain('已标记为修复');
      expect(summary).toContain('优先处理：为');
      // What to do first is the issue at the top of the table.
      const html = report('html', 'zh-CN').toString('utf8');
      const top = /<h3>1\. ([^<]+)<\/h3>/.exec(html)?.[1] ?? '?';
      expect(summary).toContain(`优先处理：为${top}指定负责人`);
      const en = report('md', 'en').toString('utf8');
      expect(en).toMatch(/\*\*Summary:\*\* \d+ contacts this week, \+\d+ against last week \(1\)/);
      expect(en).toMatch(/marked fixed/);
      // A Chinese title in the English report keeps its words and says what it is.
      expect(en).toMatch(
        /\| \p{Script=Han}[^\n|]*\\\[in Chinese; \d+ contacts, (Chat|Phone|Email)\\\] \|/u,
      );
      // And the Chinese report glosses the English titles.
      expect(md).toMatch(/\| [A-Za-z][^\n|]*［英文标题；\d+ 次联系，(在线聊天|电话|邮件)］ \|/);
    });

    it('xlsx: a filter on every table, date cells, words for channels and segments, a Team column for every team', async () => {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(report('xlsx', 'zh-CN', 'all') as unknown as ExcelJS.Buffer);
      expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
        '问题',
        '客户原话',
        '贡献者',
      ]);
      for (const sheet of workbook.worksheets) {
        expect(sheet.autoFilter, sheet.name).toBeTruthy();
        expect(String(JSON.stringify(sheet.autoFilter))).toMatch(/A1/);
      }
      const verbatims = workbook.getWorksheet('客户原话')!;
      const header = (verbatims.getRow(1).values as unknown[]).slice(1);
      expect(header.slice(0, 2)).toEqual(['记录时间', '团队']);
      const heard = verbatims.getRow(2).getCell(1).value;
      expect(heard).toBeInstanceOf(Date);
      const values = (column: number) =>
        (verbatims.getColumn(column).values as unknown[]).slice(2).map(String);
      const channels = new Set(values(header.indexOf('渠道') + 1));
      expect([...channels].sort()).toEqual(['在线聊天', '电话', '邮件'].sort());
      expect(
        new Set(values(header.indexOf('客户群') + 1).filter((v) => v !== '' && v !== 'undefined')),
      ).toEqual(new Set(['流失风险客户', '高价值客户', '新客户']));
      expect(new Set(values(2))).toEqual(new Set([TEAM, 'billing']));
      // The wall clock in Shanghai: the first item was heard at 09:00 there.
      const times = (verbatims.getColumn(1).values as unknown[]).slice(2) as Date[];
      expect(times.some((d) => d.getUTCHours() === 9)).toBe(true);
      const issues = workbook.getWorksheet('问题')!;
      expect(issues.getRow(2).getCell(9).value).toBeInstanceOf(Date);
      // "First heard" is when the problem was first heard, not the week's first item: the refund
      // topic was heard once the week before, on 10 November at 10:00 in Shanghai.
      const firstHeard = (issues.getColumn(9).values as unknown[]).slice(2) as Date[];
      const before = firstHeard.filter((d) => d.getTime() < Date.UTC(2026, 10, 16));
      expect(before.map((d) => d.toISOString())).toEqual(['2026-11-10T10:00:00.000Z']);
    });

    it('refuses an unknown team with the known ones, on one line', () => {
      const run = runWocas(
        [
          'report',
          ...store.cliFlags,
          '--team',
          'nosuch',
          '--week',
          '2026-W47',
          '--format',
          'html',
          '--out',
          join(dir, 'x.html'),
        ],
        dir,
      );
      expect(run.status).not.toBe(0);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).toContain('unknown team "nosuch"; known teams: billing, hangzhou');
      expect(existsSync(join(dir, 'x.html'))).toBe(false);
    });

    // Printing reads nothing from the database that html does not: once, on SQLite, is enough.
    if (backendCase.name === 'sqlite')
      it.skipIf(!canPdf && process.env.CI !== 'true')(
        'pdf: each chart on the page of its heading, labels whole, bars as many as the text says',
        () => {
          const path = join(dir, 'week.pdf');
          writeFileSync(path, report('pdf', 'zh-CN'));
          const pages = execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' }).split('\f');
          const flat = (text: string) => text.replace(/\s+/g, '');
          const paretoPage = pages.findIndex((page) => page.includes('帕累托分析'));
          expect(paretoPage).toBeGreaterThanOrEqual(0);
          const page = pages[paretoPage] as string;
          const caption = /图中显示 (\d+) 个问题中联系最多的 (\d+) 个/.exec(page);
          expect(caption).not.toBeNull();
          const [total, shown] = [Number(caption?.[1]), Number(caption?.[2])];
          expect(shown).toBeGreaterThanOrEqual(10);
          expect(shown).toBeLessThanOrEqual(total);
          // The chart sits with its heading: every bar's label and the axis are on that page, numbered 1..shown.
          const numbered = [...page.matchAll(/^(\d+)\. /gm)].map((m) => Number(m[1]));
          expect(Math.max(...numbered)).toBe(shown);
          expect(page).toContain('联系次数');
          // Whole labels: every title of the shown issues appears complete (line breaks aside).
          const html = report('html', 'zh-CN').toString('utf8');
          const titles = [...html.matchAll(/<h3>\d+\. ([^<]+)<\/h3>/g)].map((m) =>
            (m[1] ?? '')
              .replace(/&#39;/g, "'")
              .replace(/&quot;/g, '"')
              .replace(/&amp;/g, '&'),
          );
          for (const title of titles) expect(flat(page)).toContain(flat(title));
          // The trend chart too.
          const trendPage = pages.findIndex((p) => p.includes('主要问题每周联系次数'));
          expect(pages[trendPage]).toContain('每条线代表');
          expect(pages[trendPage]).toContain('W47');
          expect(pages[0]).toContain('优先处理');

          // The page image: the Pareto page carries the bars (a solid block of the bar colour).
          const ppm = join(dir, 'pareto');
          execFileSync('pdftoppm', [
            '-r',
            '40',
            '-f',
            String(paretoPage + 1),
            '-l',
            String(paretoPage + 1),
            '-singlefile',
            path,
            ppm,
          ]);
          const image = readFileSync(`${ppm}.ppm`);
          const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(
            image.subarray(0, 40).toString('latin1'),
          );
          const [width, height] = [Number(header?.[1]), Number(header?.[2])];
          const pixels = image.subarray(image.length - width * height * 3);
          let bar = 0;
          for (let i = 0; i < pixels.length; i += 3) {
            const [r, g, b] = [
              pixels[i] as number,
              pixels[i + 1] as number,
              pixels[i + 2] as number,
            ];
            if (Math.abs(r - 0x0b) < 40 && Math.abs(g - 0x5c) < 40 && Math.abs(b - 0xad) < 40)
              bar += 1;
          }
          expect(bar / (width * height)).toBeGreaterThan(0.01);
        },
      );
  });
});
