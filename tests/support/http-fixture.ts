import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { RankedIssue } from '../../src/shared/domain/issue.js';
import { type Aggregator, openAggregator } from '../../src/server/aggregator.js';
import { listeningUrl } from '../../src/server/http/server-lifecycle.js';
import { createServer } from '../../src/server/http/create-server.js';
import type { RequestLogLine } from '../../src/server/http/request-log.js';
import { rows } from '../../src/server/storage/sql.js';
import { TokensRepo } from '../../src/server/tokens/tokens-repo.js';
import { BACKENDS, type Backend, type TestStorage } from './storage-backends.js';

/** Every "now" in these tests: ranking windows and trends come out the same on every run. */
export const NOW = Date.parse('2026-11-20T12:00:00Z');

/** Token secrets by holder: amy and bo are agents, lee leads support, ana analyses, root administers. */
export type Holder = 'amy' | 'bo' | 'lee' | 'ana' | 'root';

export interface ApiFixture {
  backend: Backend['name'];
  /** The fresh SQLite file or PostgreSQL database the server runs on; close() drops it. */
  store: TestStorage;
  url: string;
  aggregator: Aggregator;
  tokens: TokensRepo;
  secrets: Record<Holder, string>;
  logs: RequestLogLine[];
  close(): Promise<void>;
}

async function createTokens(tokens: TokensRepo): Promise<Record<Holder, string>> {
  const make = async (name: Holder, role: string, team?: string) =>
    (await tokens.create({ name, role, team })).secret;
  return {
    amy: await make('amy', 'agent', 'support'),
    bo: await make('bo', 'agent', 'sales'),
    lee: await make('lee', 'lead', 'support'),
    ana: await make('ana', 'analyst'),
    root: await make('root', 'admin'),
  };
}

const SQLITE = BACKENDS.find((backend) => backend.name === 'sqlite')!;

/**
 * A real server on loopback over real storage: by default a SQLite file in a temp dir, or a fresh
 * PostgreSQL database when given that backend. Logs are collected, not printed.
 */
export async function startApi(backend: Backend = SQLITE): Promise<ApiFixture> {
  const store = await backend.fresh();
  let aggregator: Aggregator | undefined;
  let app: FastifyInstance | undefined;
  const close = async () => {
    try {
      await app?.close();
      await aggregator?.close();
    } finally {
      await store.drop();
    }
  };
  try {
    aggregator = await openAggregator(store.location, () => NOW);
    const tokens = new TokensRepo(aggregator.storage, aggregator.clock);
    const logs: RequestLogLine[] = [];
    app = createServer({ aggregator, logger: (line) => logs.push(line) });
    await app.listen({ port: 0, host: '127.0.0.1' });
    return {
      backend: backend.name,
      store,
      url: listeningUrl(app),
      aggregator,
      tokens,
      secrets: await createTokens(tokens),
      logs,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
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
export async function call(
  url: string,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<CallResult> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  const payload = options.json !== undefined ? JSON.stringify(options.json) : options.raw;
  if (payload !== undefined) headers['content-type'] ??= 'application/json';
  const response = await fetch(`${url}${path}`, { method, headers, body: payload ?? null });
  const text = await response.text();
  const contentType = response.headers.get('content-type');
  return {
    status: response.status,
    contentType,
    text,
    body: (contentType?.includes('json') ? JSON.parse(text) : {}) as ApiBody,
  };
}

/** A valid item as a client would push it, heard two days before NOW. */
export function item(
  id: string,
  text: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return { id, text, channel: 'phone', created_at: '2026-11-18T09:00:00Z', ...extra };
}

/** Every stored item id, in byte order (ids are COLLATE "C" on PostgreSQL, as SQLite compares them). */
export async function storedIds(fixture: ApiFixture): Promise<string[]> {
  const found = await rows(
    fixture.aggregator.storage,
    sql<{ id: string }>`SELECT id FROM items ORDER BY id`,
  );
  return found.map((row) => row.id);
}
