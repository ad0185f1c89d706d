import type { IssueSnapshot } from '../store/issue-cache.js';
import type { OutgoingItem, PushAcknowledgement } from '../store/outbox.js';

/** Worth retrying later: the network, a timeout, an overloaded or restarting aggregator. */
export class TransientSyncError extends Error {
  constructor(
    message: string,
    /** The aggregator's HTTP status, when it answered at all. */
    readonly status?: number,
  ) {
    super(message);
  }
}
/** Retrying cannot help until a person acts: a bad or revoked token, a refused payload. */
export class FatalSyncError extends Error {}
/** The aggregator does not know our issue cursor (its database was restored or replaced). */
export class CursorGoneError extends Error {}

export interface IssueChanges {
  issues: IssueSnapshot[];
  cursor: string;
  has_more: boolean;
}

/** What the desktop asks of the aggregator. */
export interface AggregatorClient {
  pushItems(items: readonly OutgoingItem[]): Promise<PushAcknowledgement>;
  issueChanges(cursor: string | undefined, limit: number): Promise<IssueChanges>;
  /** The issue each of these items is grouped in now (reclustering and merges move them). */
  itemIssues(ids: readonly string[]): Promise<Record<string, string>>;
}

export interface HttpClientOptions {
  baseUrl: string;
  token: string;
  /** Per request; a slow aggregator counts as unreachable after this. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export type AggregatorRequest = <T>(method: 'GET' | 'POST', path: string, body?: unknown) => Promise<T>;

/**
 * One authenticated request under /api/v1, its failures sorted into transient (retry later), fatal
 * (a person must act) and cursor-gone; shared by the sync client and the desktop's other calls.
 */
export function aggregatorRequest(options: HttpClientOptions): AggregatorRequest {
  const base = options.baseUrl.replace(/\/+$/, '');
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 15_000;

  return async function request<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await doFetch(`${base}/api/v1${path}`, {
        method,
        headers: {
          authorization: `Bearer ${options.token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw new TransientSyncError(`aggregator unreachable: ${(error as Error).message}`);
    }
    const text = await response.text().catch(() => '');
    if (response.ok) {
      try {
        return JSON.parse(text) as T;
      } catch {
        throw new TransientSyncError(`aggregator sent an unreadable answer (${response.status})`);
      }
    }
    const message = readError(text) ?? response.statusText;
    if (response.status === 410) throw new CursorGoneError(message);
    if (response.status >= 500 || response.status === 429 || response.status === 408) {
      throw new TransientSyncError(`aggregator error ${response.status}: ${message}`, response.status);
    }
    throw new FatalSyncError(`aggregator refused (${response.status}): ${message}`);
  };
}

/** The aggregator's HTTP API (CONTRACTS.md, under /api/v1). */
export function httpAggregatorClient(options: HttpClientOptions): AggregatorClient {
  const request = aggregatorRequest(options);
  return {
    pushItems: (items) => request<PushAcknowledgement>('POST', '/items', { items }),
    issueChanges: (cursor, limit) =>
      request<IssueChanges>('GET', `/sync/issues?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`),
    itemIssues: async (ids) => (await request<{ issues: Record<string, string> }>('POST', '/items/issues', { ids })).issues,
  };
}

function readError(text: string): string | undefined {
  try {
    const parsed = JSON.parse(text) as { error?: unknown };
    return typeof parsed.error === 'string' ? parsed.error : undefined;
  } catch {
    return undefined;
  }
}
