import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../src/server/storage/sqlite/migrations.js';
import { SchemaTooNewError, openDatabase } from '../src/server/storage/sqlite/open-database.js';

const LATEST = MIGRATIONS.at(-1)!.version;

let dir: string;
let path: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'wocas-migrations-'));
  path = join(dir, 'wocas.db');
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function schema(db: Database.Database): string[] {
  return db
    .prepare<[], string>("SELECT type || ' ' || name || ': ' || sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name")
    .pluck()
    .all();
}

describe('migrations', () => {
  it('are numbered in increasing order', () => {
    const versions = MIGRATIONS.map((m) => m.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
    expect(versions[0]).toBe(1);
  });

  it('bring a fresh database to the latest user_version with every table', () => {
    const db = openDatabase(path);
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(LATEST);
      const tables = db.prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
      expect(tables).toEqual(expect.arrayContaining(['issues', 'items', 'vocabulary', 'settings']));
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    } finally {
      db.close();
    }
  });

  it('reopening is a no-op: same version, same schema, data kept', () => {
    const first = openDatabase(path);
    const before = schema(first);
    first.prepare("INSERT INTO settings (key, value) VALUES ('marker', 'kept')").run();
    first.close();

    const again = openDatabase(path);
    try {
      expect(again.pragma('user_version', { simple: true })).toBe(LATEST);
      expect(schema(again)).toEqual(before);
      expect(again.prepare("SELECT value FROM settings WHERE key = 'marker'").pluck().get()).toBe('kept');
    } finally {
      again.close();
    }
  });

  it('refuses a database whose schema is newer than the code, and leaves it untouched', () => {
    const future = new Database(path);
    future.pragma(`user_version = ${LATEST + 1}`);
    future.exec('CREATE TABLE from_the_future (x INTEGER)');
    future.close();

    expect(() => openDatabase(path)).toThrow(SchemaTooNewError);
    expect(() => openDatabase(path)).toThrow(/newer/);

    const check = new Database(path, { readonly: true });
    try {
      expect(check.pragma('user_version', { simple: true })).toBe(LATEST + 1);
      const tables = check.prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
      expect(tables).toEqual(['from_the_future']);
    } finally {
      check.close();
    }
  });

  it('applies only the migrations newer than the database', () => {
    const extra = [...MIGRATIONS, { version: LATEST + 1, name: 'test extra', sql: 'CREATE TABLE extra_table (x INTEGER);' }];
    openDatabase(path).close();
    const db = openDatabase(path, extra);
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(LATEST + 1);
      expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'extra_table'").pluck().get()).toBe(1);
    } finally {
      db.close();
    }
    // The shipped code, one version behind that database now, refuses it.
    expect(() => openDatabase(path)).toThrow(SchemaTooNewError);
  });

  it('rolls back a failing migration as a whole', () => {
    const broken = [...MIGRATIONS, { version: LATEST + 1, name: 'broken', sql: 'CREATE TABLE half_done (x INTEGER); SELECT * FROM no_such_table;' }];
    openDatabase(path).close();
    expect(() => openDatabase(path, broken)).toThrow();
    const db = openDatabase(path);
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(LATEST);
      expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'half_done'").pluck().get()).toBe(0);
    } finally {
      db.close();
    }
  });
});
