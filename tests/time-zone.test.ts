import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RankedIssues } from '../src/shared/domain/issue.js';
import { type ApiFixture, call, startApi } from './support/http-fixture.js';
import { BIN, cleanEnv } from './support/built-cli.js';

/**
 * One string, one instant, whatever the machine's zone: under Asia/Shanghai (UTC+8) the CLI read
 * `--from 2026-01-01T10:00` as 02:00Z while HTTP read it as 10:00Z. No offset means UTC everywhere.
 */
const SHANGHAI = 'Asia/Shanghai';

// Items heard at 09:30Z and 10:30Z: a window from 10:00 holds one of them only if 10:00 is UTC.
const LINES = [
  { id: 'early', text: 'parcel arrived late', created_at: '2026-01-01T09:30' },
  { id: 'later', text: 'parcel arrived late again', created_at: '2026-01-01T10:30' },
];

function wocas(args: string[], cwd: string) {
  return spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    env: { ...cleanEnv(), TZ: SHANGHAI },
    encoding: 'utf8',
  });
}

describe(`times without an offset are UTC, under TZ=${SHANGHAI}`, () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'wocas-tz-'));
    writeFileSync(join(dir, 'items.jsonl'), LINES.map((line) => JSON.stringify(line)).join('\n'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('wocas import and wocas issues --from read the same instant as the HTTP API', () => {
    const imported = wocas(['import', 'items.jsonl', '--db', 'tz.db'], dir);
    expect(imported.stderr).toBe('');
    expect(JSON.parse(imported.stdout)).toMatchObject({ imported: 2 });
    const all = JSON.parse(
      wocas(['issues', '--db', 'tz.db', '--json', '--with-items'], dir).stdout,
    ) as RankedIssues;
    expect(all.issues.flatMap((issue) => [issue.first_seen, issue.last_seen])).toEqual([
      '2026-01-01T09:30:00.000Z',
      '2026-01-01T10:30:00.000Z',
    ]);
    const run = wocas(
      [
        'issues',
        '--db',
        'tz.db',
        '--from',
        '2026-01-01T10:00',
        '--to',
        '2026-01-01T11:00',
        '--json',
        '--with-items',
      ],
      dir,
    );
    expect(run.stderr).toBe('');
    const windowed = JSON.parse(run.stdout) as RankedIssues;
    expect(windowed.issues.flatMap((issue) => issue.item_ids)).toEqual(['later']);
  });

  it('refuses an impossible date on the command line', () => {
    const run = wocas(['issues', '--db', 'tz.db', '--from', '2026-02-30'], dir);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/--from: must be an ISO 8601 date or timestamp that exists/);
  });

  describe('the HTTP API and call methods, in a process whose zone is Shanghai', () => {
    let api: ApiFixture;
    const zone = process.env.TZ;
    beforeAll(async () => {
      // Node re-reads TZ when it is assigned: Date's local time is Shanghai's from here on.
      process.env.TZ = SHANGHAI;
      expect(new Date(Date.UTC(2026, 0, 1)).getHours()).toBe(8);
      api = await startApi();
      await api.aggregator.ingestor.ingest(
        LINES.map((line) => ({
          ...line,
          channel: 'phone' as const,
          times_heard: 1,
          created_at: `${line.created_at}:00Z`,
        })),
      );
    });
    afterAll(async () => {
      await api.close();
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    });

    it('reads from=2026-01-01T10:00 as 10:00Z on GET /api/v1/issues and issues.rank', async () => {
      const query = await call(
        api.url,
        'GET',
        '/api/v1/issues?from=2026-01-01T10:00&to=2026-01-01T11:00',
        { token: api.secrets.ana },
      );
      expect(query.body.issues.map((issue) => issue.mentions)).toEqual([1]);
      const ranked = await call(api.url, 'POST', '/api/v1/call/issues.rank', {
        token: api.secrets.ana,
        json: { from: '2026-01-01T10:00', to: '2026-01-01T11:00' },
      });
      expect(ranked.body.issues.map((issue) => issue.mentions)).toEqual([1]);
    });
  });
});
