import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { RankedIssue } from '../../src/shared/domain/issue.js';
import { type Aggregator, openAggregator } from '../../src/server/aggregator.js';
import { listeningUrl } from '../../src/server/http/server-lifecycle.js';
import { createServer } from '../../src/server/http/create-server.js';
import type { RequestLogLine } from '../../src/server/http/request-log.js';
import { TokensRepo } from '../../src/server/tokens/tokens-repo.js';

/** Every "now" in these tests: ranking windows and trends come out the same on every run. */
export const NOW = Date.parse('2026-11-20T12:00:00Z');

/** Token secrets by holder: amy and bo are agents, lee leads support, ana analyses, root administers. */
export type Holder = 'amy' | 'bo' | 'lee' | 'ana' | 'root';

export interface ApiFixture {
  dir: string;
  dbPath: string;
  url: string;
  aggregator: Aggregator;
  tokens: TokensRepo;
  secrets: Record<Holder, string>;
  logs: RequestLogLine[];
  close(): Promise<void>;
}

function createTokens(tokens: TokensRepo): Record<Holder, string> {
  const make = (name: Holder, role: string, team?: string) => tokens.create({ name, role, team }).secret;
  return {
    amy: make('amy', 'agent', 'support'),
    bo: make('bo', 'agent', 'sales'),
    lee: make('lee', 'lead', 'support'),
    ana: make('ana', 'analyst'),
    root: make('root', 'admin'),
  };
}

/** A real server on loopback over a real SQLite file in a temp dir; logs are collected, not printed. */
export async function startApi(): Promise<ApiFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'wocas-http-'));
  const dbPath = join(dir, 'wocas.db');
  const aggregator = openAggregator({ db: dbPath }, () => NOW);
  const tokens = new TokensRepo(aggregator.db, aggregator.clock);
  const logs: RequestLogLine[] = [];
  const app: FastifyInstance = createServer({ aggregator, logger: (line) => logs.push(line) });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    dir,
    dbPath,
    url: listeningUrl(app),
    aggregator,
    tokens,
    secrets: createTokens(tokens),
    logs,
    close: async () => {
      await app.close();
      aggregator.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface CallOptions {
  token?: string;
  /** Sent as JSON. */
  json?: unknown;
  /** Sent as is (with Content-Type: application/json unless headers say otherwise). */
  raw?: string | Uint8Array;
  headers?: Record<string, string>;
}

/**
 * Every field the API's responses have, all typed as present: each test reads the fields its
 * request returns, and a field that is missing shows up as undefined in the failed expectation.
 */
export interface ApiBody {
  ok: boolean;
  error: string;
  accepted: string[];
  duplicates: string[];
  rejected: { id: string; error: string }[];
  generated_at: string;
  issues: RankedIssue[];
}

export interface CallResult {
  status: number;
  contentType: string | null;
  text: string;
  /** Parsed when the response is JSON. */
  body: ApiBody;
}

/** One request with real fetch; the response body is parsed as JSON whenever it is JSON. */
export async function call(url: string, method: string, path: string, options: CallOptions = {}): Promise<CallResult> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  const payload = options.json !== undefined ? JSON.stringify(options.json) : options.raw;
  if (payload !== undefined) headers['content-type'] ??= 'application/json';
  const response = await fetch(`${url}${path}`, { method, headers, body: payload ?? null });
  const text = await response.text();
  const contentType = response.headers.get('content-type');
  return { status: response.status, contentType, text, body: (contentType?.includes('json') ? JSON.parse(text) : {}) as ApiBody };
}

/** A valid item as a client would push it, heard two days before NOW. */
export function item(id: string, text: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { id, text, channel: 'phone', created_at: '2026-11-18T09:00:00Z', ...extra };
}

export function storedIds(fixture: ApiFixture): string[] {
  return fixture.aggregator.db.prepare<[], string>('SELECT id FROM items ORDER BY id').pluck().all();
}
