/**
 * `wocas migrate-db`: a site's SQLite database moves to PostgreSQL with nothing lost or changed:
 * the same ranking item for item, analysts' history and merges, tokens that still sign in, and
 * desktop sync cursors that carry on.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RankedIssues } from '../src/shared/domain/issue.js';
import { openAggregator } from '../src/server/aggregator.js';
import { issueChangesSince } from '../src/server/issues/issue-changes.js';
import { first } from '../src/server/storage/sql.js';
import { TokensRepo } from '../src/server/tokens/tokens-repo.js';
import { runWocas } from './support/built-cli.js';
import { type TestStorage, BACKENDS } from './support/storage-backends.js';

const postgres = BACKENDS.find((backend) => backend.name === 'postgres')!;

const CSV = [
  'id,text,channel,team,agent,times_heard,created_at,root_cause',
  'a1,my parcel arrived three days late,phone,support,amy,2,2026-11-10T09:00:00Z,courier backlog',
  'a2,parcel arrived late again,chat,support,bo,1,2026-11-11T09:00:00Z,',
  'a3,the parcel is late,email,support,amy,1,2026-11-12T09:00:00Z,',
  'b1,cannot log in to the app,email,sales,finn,1,2026-11-12T09:00:00Z,',
  'b2,app login fails with error 500,chat,sales,finn,3,2026-11-13T09:00:00Z,',
  'c1,"=HYPERLINK(""http://x"") <b>refund</b> never came, card 4111 1111 1111 1111",phone,support,amy,1,2026-11-14T09:00:00Z,',
  'd1,退款一直没有到账,chat,support,li,1,2026-11-15T09:00:00Z,',
].join('\n');

describe.skipIf(postgres.skipReason !== null)('wocas migrate-db', () => {
  let dir: string;
  let target: TestStorage;
  let sqlitePath: string;
  const wocas = (...args: string[]) => runWocas(args, dir);
  const ranked = (...flags: string[]) => {
    const run = wocas('issues', ...flags, '--json', '--with-items');
    expect(run.stderr).toBe('');
    const { issues } = JSON.parse(run.stdout) as RankedIssues;
    return issues;
  };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wocas-migrate-'));
    sqlitePath = join(dir, 'site.db');
    writeFileSync(join(dir, 'items.csv'), CSV);
    expect(wocas('import', join(dir, 'items.csv'), '--db', sqlitePath).status).toBe(0);
    target = await postgres.fresh();
  });

  afterEach(async () => {
    await target.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('copies everything, and the site carries on where it was', async () => {
    // Analysts' work, tokens and a desktop's sync position, all of which must survive the move.
    const before = ranked('--db', sqlitePath);
    const [first0, second] = before as [
      RankedIssues['issues'][number],
      RankedIssues['issues'][number],
    ];
    expect(
      wocas(
        'issue',
        'update',
        first0.id,
        '--status',
        'investigating',
        '--owner',
        'dana',
        '--db',
        sqlitePath,
      ).status,
    ).toBe(0);
    expect(wocas('issue', 'merge', second.id, '--into', first0.id, '--db', sqlitePath).status).toBe(
      0,
    );
    const secret = wocas(
      'token',
      'create',
      '--name',
      'amy',
      '--role',
      'agent',
      '--team',
      'support',
      '--db',
      sqlitePath,
    ).stdout.trim();
    const site = await openAggregator({ db: sqlitePath });
    const cursor = (await issueChangesSince(site.storage, undefined, 1_000, { items: 'all' }))
      .cursor;
    await site.close();
    const expected = ranked('--db', sqlitePath);

    const run = wocas(
      'migrate-db',
      '--from',
      `sqlite:${sqlitePath}`,
      '--to',
      target.location.databaseUrl as string,
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      issues: expect.any(Number) as number,
      items: 7,
      times_heard: 10,
      tokens: 1,
      history: 4,
    });

    // The same ranking, item for item, with the analyst's status and owner and the merge.
    expect(ranked(...target.cliFlags)).toEqual(expected);
    const moved = await openAggregator(target.location);
    try {
      expect(await new TokensRepo(moved.storage).authenticate(secret)).toMatchObject({
        name: 'amy',
        role: 'agent',
        team: 'support',
      });
      const merged = await first(
        moved.storage,
        sql<{ merged_into: string }>`SELECT merged_into FROM issues WHERE id = ${second.id}`,
      );
      expect(merged?.merged_into).toBe(first0.id);
      // Redacted and hostile text arrives exactly as stored.
      const hostile = await first(
        moved.storage,
        sql<{ text: string }>`SELECT text FROM items WHERE id = 'c1'`,
      );
      expect(hostile?.text).toContain('=HYPERLINK');
      expect(hostile?.text).not.toContain('4111');
      // A desktop's cursor still means "nothing new since"; the next change comes after it.
      expect(
        (await issueChangesSince(moved.storage, cursor, 100, { items: 'all' })).issues,
      ).toEqual([]);
      const outcome = await moved.ingestor.ingest([
        {
          id: 'e1',
          text: 'my parcel is late again',
          channel: 'phone',
          times_heard: 1,
          created_at: '2026-11-16T09:00:00Z',
        },
      ]);
      expect(outcome.issues.e1).toBe(first0.id);
      const after = await issueChangesSince(moved.storage, cursor, 100, { items: 'all' });
      expect(after.issues.map((issue) => issue.id)).toEqual([first0.id]);
    } finally {
      await moved.close();
    }
  });

  it('refuses a target that holds data, and a source that does not exist', () => {
    const url = target.location.databaseUrl as string;
    expect(wocas('migrate-db', '--from', `sqlite:${sqlitePath}`, '--to', url).status).toBe(0);
    const again = wocas('migrate-db', '--from', `sqlite:${sqlitePath}`, '--to', url);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/already holds WOCAS data; copy into an empty database\n$/);
    expect(ranked(...target.cliFlags).reduce((sum, issue) => sum + issue.mentions, 0)).toBe(7);

    const missing = wocas('migrate-db', '--from', `sqlite:${join(dir, 'nope.db')}`, '--to', url);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe(`wocas: --from: no SQLite database at ${join(dir, 'nope.db')}\n`);
    expect(wocas('migrate-db', '--from', sqlitePath, '--to', url).stderr).toMatch(
      /--from must be sqlite:PATH/,
    );
  });

  it('copies a site written before the input rule: NUL bytes and escapes are cleaned, nothing is lost', async () => {
    // What an older version stored as it came: PostgreSQL refuses the NUL outright.
    const site = await openAggregator({ db: sqlitePath });
    await sql`UPDATE items SET text = ${'parcel\u0000 late \u001b[31mnow'}, team = ${'sup\u0000port'} WHERE id = 'a2'`.execute(
      site.storage.db,
    );
    await site.close();
    const run = wocas(
      'migrate-db',
      '--from',
      `sqlite:${sqlitePath}`,
      '--to',
      target.location.databaseUrl as string,
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ items: 7, times_heard: 10 });
    const moved = await openAggregator(target.location);
    try {
      const row = await first(
        moved.storage,
        sql<{ text: string; team: string }>`SELECT text, team FROM items WHERE id = 'a2'`,
      );
      expect(row).toEqual({ text: 'parcel late now', team: 'support' });
    } finally {
      await moved.close();
    }
  });
});
