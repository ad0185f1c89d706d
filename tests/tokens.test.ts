import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStorage } from '../src/server/storage/open-storage.js';
import { first, rows } from '../src/server/storage/sql.js';
import type { Storage } from '../src/server/storage/storage.js';
import { TokenSpecError, TokensRepo } from '../src/server/tokens/tokens-repo.js';
import { runWocas } from './support/built-cli.js';
import { type TestStorage, backendCases } from './support/storage-backends.js';

const TOKEN = /^wocas_[A-Za-z0-9_-]{43}$/;

/**
 * Everything the database holds, as text. SQLite: every byte written for the file (the main file,
 * the WAL and its index). PostgreSQL's files live with the server, out of a test's reach: there it
 * is every row of every table, which is all that a reader of the database (or a dump) can see.
 */
async function databaseContents(store: TestStorage): Promise<string> {
  const url = store.location.databaseUrl;
  if (url === undefined) {
    const dir = dirname(store.location.db);
    const name = basename(store.location.db);
    return readdirSync(dir)
      .filter((file) => file.startsWith(name))
      .map((file) => readFileSync(join(dir, file)).toString('latin1'))
      .join('');
  }
  const storage = await openStorage(store.location);
  try {
    const tables = await rows(
      storage,
      sql<{ name: string }>`SELECT table_name AS name FROM information_schema.tables
        WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`,
    );
    expect(tables.map((table) => table.name)).toContain('tokens');
    const dumped: string[] = [];
    for (const { name } of tables) {
      const found = await rows(
        storage,
        sql<{ row: string }>`SELECT row_to_json(t)::text AS row FROM ${sql.table(name)} t`,
      );
      dumped.push(...found.map((row) => row.row));
    }
    return dumped.join('\n');
  } finally {
    await storage.close();
  }
}

describe.each(backendCases)('on $name', (backendCase) => {
  const backend = backendCase.name;
  describe.skipIf(backendCase.skip)('tokens', () => {
    let dir: string;
    let store: TestStorage;

    beforeEach(async () => {
      dir = mkdtempSync(join(tmpdir(), 'wocas-tokens-'));
      store = await backendCase.fresh();
    });

    afterEach(async () => {
      await store.drop();
      rmSync(dir, { recursive: true, force: true });
    });

    describe('TokensRepo', () => {
      let storage: Storage;
      let now: number;
      let tokens: TokensRepo;

      beforeEach(async () => {
        storage = await openStorage(store.location);
        now = Date.parse('2026-11-20T12:00:00Z');
        tokens = new TokensRepo(storage, () => now);
      });

      afterEach(() => storage.close());

      it('returns a random wocas_ secret once and stores only its SHA-256', async () => {
        const { token, secret } = await tokens.create({
          name: 'amy',
          role: 'agent',
          team: 'support',
        });
        expect(secret).toMatch(TOKEN);
        expect(
          (await tokens.create({ name: 'amy', role: 'agent', team: 'support' })).secret,
        ).not.toBe(secret);
        expect(token).toEqual({ id: token.id, name: 'amy', role: 'agent', team: 'support' });
        expect(token.id).toMatch(/^tok_/);
        const hash = (
          await first(
            storage,
            sql<{ hash: string }>`SELECT hash FROM tokens WHERE id = ${token.id}`,
          )
        )?.hash;
        expect(hash).toBe(createHash('sha256').update(secret).digest('hex'));
        if (storage.backend === 'sqlite')
          await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(storage.db);
        const bytes = await databaseContents(store);
        expect(bytes).toContain(hash);
        expect(bytes).not.toContain(secret);
        expect(bytes).not.toContain(secret.slice(6));
      });

      it('authenticates by secret, notes when a token was last used, and forgets revoked tokens', async () => {
        const { token, secret } = await tokens.create({
          name: 'lee',
          role: 'lead',
          team: 'support',
        });
        expect(await tokens.authenticate(secret)).toEqual(token);
        expect(await tokens.authenticate(`${secret}x`)).toBeUndefined();
        expect((await tokens.list())[0]!.last_used_at).toBe(now);
        expect(await tokens.revoke(token.id)).toEqual([token]);
        expect(await tokens.authenticate(secret)).toBeUndefined();
        expect(await tokens.revoke(token.id)).toEqual([]);
        expect((await tokens.list())[0]!.revoked_at).toBe(now);
      });

      it('revokes by name every active token of that name, and no other', async () => {
        const first = await tokens.create({ name: 'amy', role: 'agent' });
        const second = await tokens.create({ name: 'amy', role: 'agent' });
        const other = await tokens.create({ name: 'bo', role: 'agent' });
        expect((await tokens.revoke('amy')).map((t) => t.id).sort()).toEqual(
          [first.token.id, second.token.id].sort(),
        );
        expect(await tokens.authenticate(first.secret)).toBeUndefined();
        expect(await tokens.authenticate(second.secret)).toBeUndefined();
        expect(await tokens.authenticate(other.secret)).toEqual(other.token);
        expect(await tokens.revoke('nobody')).toEqual([]);
      });

      it("refuses a name another team's active token holds: a name is one person, whose items it reads", async () => {
        const agent = await tokens.create({ name: 'sam', role: 'agent', team: 'billing' });
        // The same person on a second machine, or made lead of their own team: allowed.
        await tokens.create({ name: 'sam', role: 'agent', team: 'billing' });
        await tokens.create({ name: 'sam', role: 'lead', team: 'billing' });
        await expect(tokens.create({ name: 'sam', role: 'lead', team: 'support' })).rejects.toThrow(
          /the name "sam" is already used by a token of team "billing"/,
        );
        await expect(tokens.create({ name: 'sam', role: 'analyst' })).rejects.toThrow(
          TokenSpecError,
        );
        await tokens.create({ name: 'kim', role: 'analyst' });
        await expect(
          tokens.create({ name: 'kim', role: 'agent', team: 'billing' }),
        ).rejects.toThrow(/already used by a token without a team/);
        expect((await tokens.list()).filter((t) => t.name === 'sam')).toHaveLength(3);
        // Once every token of that name is revoked (someone moved team), the name is free again.
        await tokens.revoke('sam');
        await tokens.create({ name: 'sam', role: 'agent', team: 'support' });
        expect(await tokens.authenticate(agent.secret)).toBeUndefined();
      });

      it('refuses a lead without a team, an unknown role and an empty name', async () => {
        await expect(tokens.create({ name: 'lee', role: 'lead' })).rejects.toThrow(
          new TokenSpecError('a lead token needs a team (--team)'),
        );
        await expect(tokens.create({ name: 'x', role: 'root' })).rejects.toThrow(TokenSpecError);
        await expect(tokens.create({ name: '  ', role: 'agent' })).rejects.toThrow(TokenSpecError);
        expect(await tokens.list()).toEqual([]);
      });

      it('keeps the role check in the schema too', async () => {
        const insert =
          sql`INSERT INTO tokens (id, name, role, hash, created_at) VALUES ('t', 'n', 'root', 'h', 0)`.execute(
            storage.db,
          );
        // Each engine words a CHECK violation its own way.
        await expect(insert).rejects.toThrow(
          backend === 'sqlite' ? /CHECK constraint failed/ : /violates check constraint/,
        );
        expect(await tokens.list()).toEqual([]);
      });
    });

    describe('wocas token', () => {
      const wocas = (...args: string[]) => runWocas([...args, ...store.cliFlags], dir);

      it('create prints the token alone on stdout, and the database never holds it', async () => {
        const run = wocas('token', 'create', '--name', 'amy', '--role', 'agent');
        expect(run.status).toBe(0);
        expect(run.stderr).toBe('');
        expect(run.stdout).toMatch(/^wocas_[A-Za-z0-9_-]{43}\n$/);
        expect(await databaseContents(store)).not.toContain(run.stdout.trim());
      });

      it('list prints JSON lines without secrets or hashes; revoke marks the token revoked', () => {
        const secret = wocas(
          'token',
          'create',
          '--name',
          'lee',
          '--role',
          'lead',
          '--team',
          'support',
        ).stdout.trim();
        const revoke = wocas('token', 'revoke', 'lee');
        expect(revoke.status).toBe(0);
        expect(JSON.parse(revoke.stdout)).toMatchObject({ name: 'lee' });
        const list = wocas('token', 'list');
        expect(list.status).toBe(0);
        const lines = list.stdout
          .trim()
          .split('\n')
          .map((line) => JSON.parse(line) as Record<string, unknown>);
        expect(lines).toHaveLength(1);
        const listed = lines[0]!;
        expect(Object.keys(listed)).toEqual([
          'id',
          'name',
          'role',
          'team',
          'created_at',
          'revoked_at',
          'last_used_at',
        ]);
        expect(listed).toMatchObject({
          name: 'lee',
          role: 'lead',
          team: 'support',
          last_used_at: null,
        });
        expect(listed.id).toMatch(/^tok_/);
        expect(listed.revoked_at).toMatch(/^\d{4}-\d\d-\d\dT/);
        expect(list.stdout).not.toContain(secret);
        expect(list.stdout).not.toContain(createHash('sha256').update(secret).digest('hex'));
      });

      it('refuses bad requests with one line on stderr', () => {
        const lead = wocas('token', 'create', '--name', 'lee', '--role', 'lead');
        expect(lead.status).toBe(2);
        expect(lead.stderr).toBe('wocas: a lead token needs a team (--team)\n');
        expect(lead.stdout).toBe('');
        const role = wocas('token', 'create', '--name', 'x', '--role', 'root');
        expect(role.status).toBe(2);
        expect(role.stderr.split('\n')).toHaveLength(2);
        expect(
          wocas('token', 'create', '--name', 'x', '--role', 'agent', '--team', 'a').status,
        ).toBe(0);
        const taken = wocas('token', 'create', '--name', 'x', '--role', 'lead', '--team', 'b');
        expect(taken.status).toBe(2);
        expect(taken.stderr).toMatch(/^wocas: the name "x" is already used by a token of team "a"/);
        expect(taken.stdout).toBe('');
        const unknown = wocas('token', 'revoke', 'nobody');
        expect(unknown.status).toBe(1);
        expect(unknown.stderr).toBe('wocas: no active token with id or name "nobody"\n');
      });
    });
  });
});
