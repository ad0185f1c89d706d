import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/server/storage/sqlite/open-database.js';
import type { SqliteDatabase } from '../src/server/storage/sqlite/open-database.js';
import { TokenSpecError, TokensRepo } from '../src/server/tokens/tokens-repo.js';
import { runWocas } from './support/built-cli.js';

const TOKEN = /^wocas_[A-Za-z0-9_-]{43}$/;

let dir: string;
let dbPath: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'wocas-tokens-'));
  dbPath = join(dir, 'wocas.db');
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Every byte SQLite wrote for the database: the main file, the WAL and its index. */
function databaseBytes(): string {
  return readdirSync(dir)
    .filter((name) => name.startsWith('wocas.db'))
    .map((name) => readFileSync(join(dir, name)).toString('latin1'))
    .join('');
}

describe('TokensRepo', () => {
  let db: SqliteDatabase;
  let now: number;
  let tokens: TokensRepo;

  beforeEach(() => {
    db = openDatabase(dbPath);
    now = Date.parse('2026-11-20T12:00:00Z');
    tokens = new TokensRepo(db, () => now);
  });

  afterEach(() => db.close());

  it('returns a random wocas_ secret once and stores only its SHA-256', () => {
    const { token, secret } = tokens.create({ name: 'amy', role: 'agent', team: 'support' });
    expect(secret).toMatch(TOKEN);
    expect(tokens.create({ name: 'amy', role: 'agent' }).secret).not.toBe(secret);
    expect(token).toEqual({ id: token.id, name: 'amy', role: 'agent', team: 'support' });
    expect(token.id).toMatch(/^tok_/);
    const hash = db.prepare('SELECT hash FROM tokens WHERE id = ?').pluck().get(token.id);
    expect(hash).toBe(createHash('sha256').update(secret).digest('hex'));
    db.pragma('wal_checkpoint(TRUNCATE)');
    const bytes = databaseBytes();
    expect(bytes).toContain(hash);
    expect(bytes).not.toContain(secret);
    expect(bytes).not.toContain(secret.slice(6));
  });

  it('authenticates by secret, notes when a token was last used, and forgets revoked tokens', () => {
    const { token, secret } = tokens.create({ name: 'lee', role: 'lead', team: 'support' });
    expect(tokens.authenticate(secret)).toEqual(token);
    expect(tokens.authenticate(`${secret}x`)).toBeUndefined();
    expect(tokens.list()[0]!.last_used_at).toBe(now);
    expect(tokens.revoke(token.id)).toEqual([token]);
    expect(tokens.authenticate(secret)).toBeUndefined();
    expect(tokens.revoke(token.id)).toEqual([]);
    expect(tokens.list()[0]!.revoked_at).toBe(now);
  });

  it('revokes by name every active token of that name, and no other', () => {
    const first = tokens.create({ name: 'amy', role: 'agent' });
    const second = tokens.create({ name: 'amy', role: 'agent' });
    const other = tokens.create({ name: 'bo', role: 'agent' });
    expect(tokens.revoke('amy').map((t) => t.id).sort()).toEqual([first.token.id, second.token.id].sort());
    expect(tokens.authenticate(first.secret)).toBeUndefined();
    expect(tokens.authenticate(second.secret)).toBeUndefined();
    expect(tokens.authenticate(other.secret)).toEqual(other.token);
    expect(tokens.revoke('nobody')).toEqual([]);
  });

  it('refuses a lead without a team, an unknown role and an empty name', () => {
    expect(() => tokens.create({ name: 'lee', role: 'lead' })).toThrow(new TokenSpecError('a lead token needs a team (--team)'));
    expect(() => tokens.create({ name: 'x', role: 'root' })).toThrow(TokenSpecError);
    expect(() => tokens.create({ name: '  ', role: 'agent' })).toThrow(TokenSpecError);
    expect(tokens.list()).toEqual([]);
  });

  it('keeps the role check in the schema too', () => {
    const insert = () => db.prepare("INSERT INTO tokens (id, name, role, hash, created_at) VALUES ('t', 'n', 'root', 'h', 0)").run();
    expect(insert).toThrow(/CHECK constraint failed/);
  });
});

describe('wocas token', () => {

  it('create prints the token alone on stdout, and the database never holds it', () => {
    const run = runWocas(['token', 'create', '--db', dbPath, '--name', 'amy', '--role', 'agent'], dir);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^wocas_[A-Za-z0-9_-]{43}\n$/);
    expect(databaseBytes()).not.toContain(run.stdout.trim());
  });

  it('list prints JSON lines without secrets or hashes; revoke marks the token revoked', () => {
    const secret = runWocas(['token', 'create', '--db', dbPath, '--name', 'lee', '--role', 'lead', '--team', 'support'], dir).stdout.trim();
    const revoke = runWocas(['token', 'revoke', 'lee', '--db', dbPath], dir);
    expect(revoke.status).toBe(0);
    expect(JSON.parse(revoke.stdout)).toMatchObject({ name: 'lee' });
    const list = runWocas(['token', 'list', '--db', dbPath], dir);
    expect(list.status).toBe(0);
    const lines = list.stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toHaveLength(1);
    const listed = lines[0]!;
    expect(Object.keys(listed)).toEqual(['id', 'name', 'role', 'team', 'created_at', 'revoked_at', 'last_used_at']);
    expect(listed).toMatchObject({ name: 'lee', role: 'lead', team: 'support', last_used_at: null });
    expect(listed.id).toMatch(/^tok_/);
    expect(listed.revoked_at).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(list.stdout).not.toContain(secret);
    expect(list.stdout).not.toContain(createHash('sha256').update(secret).digest('hex'));
  });

  it('refuses bad requests with one line on stderr', () => {
    const lead = runWocas(['token', 'create', '--db', dbPath, '--name', 'lee', '--role', 'lead'], dir);
    expect(lead.status).toBe(2);
    expect(lead.stderr).toBe('wocas: a lead token needs a team (--team)\n');
    expect(lead.stdout).toBe('');
    const role = runWocas(['token', 'create', '--db', dbPath, '--name', 'x', '--role', 'root'], dir);
    expect(role.status).toBe(2);
    expect(role.stderr.split('\n')).toHaveLength(2);
    const unknown = runWocas(['token', 'revoke', 'nobody', '--db', dbPath], dir);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toBe('wocas: no active token with id or name "nobody"\n');
  });
});
