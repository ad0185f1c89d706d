import { createHash } from 'node:crypto';
import { errorTextOf } from '../../shared/api/call-over-http.js';
import type { IssueExplanation, IssueSnapshot } from '../store/issue-cache.js';
import type { MyFeedbackItem } from '../../shared/api/contract.js';
import type { ChangeAcknowledgement, OutgoingChange } from '../store/item-changes.js';
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

/** Where the agent's items are grouped now (POST /api/v1/items/issues). */
export interface ItemIssues {
  /** Item id → the issue it is in now; items the aggregator does not have (or not as ours) left out. */
  issues: Record<string, string>;
  /** Those issues' root cause and note, issue id → both; absent from aggregators before it. */
  issue_details?: Record<string, IssueExplanation>;
}

/** What the desktop asks of the aggregator. */
export interface AggregatorClient {
  /**
   * Whose answers these are: the aggregator's address and the token, as answerSource makes it.
   * What a token may read follows its role, so the issue cache keeps what one source sent only
   * while that source is the one configured.
   */
  readonly source: string;
  pushItems(items: readonly OutgoingItem[]): Promise<PushAcknowledgement>;
  issueChanges(cursor: string | undefined, limit: number): Promise<IssueChanges>;
  /** The issue each of these items is grouped in now (reclustering and merges move them). */
  itemIssues(ids: readonly string[]): Promise<ItemIssues>;
  /** The agent's corrections and withdrawals (POST /api/v1/items/changes). */
  pushChanges(changes: readonly OutgoingChange[]): Promise<ChangeAcknowledgement>;
  /** The token holder's items the aggregator has, newest first (`feedback.mine`). */
  myItems(limit: number): Promise<MyFeedbackItem[]>;
}

export interface HttpClientOptions {
  baseUrl: string;
  token: string;
  /** Per request; a slow aggregator counts as unreachable after this. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export type AggregatorRequest = <T>(
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
) => Promise<T>;

/**
 * One authenticated request under /api/v1, its failures sorted into transient (retry later), fatal
 * (a person must act) and cursor-gone; shared by the sync client and the desktop's other calls.
 */
export function aggregatorRequest(options: HttpClientOptions): AggregatorRequest {
  const base = options.baseUrl.replace(/\/+$/, '');
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 15_000;

  return async function request<T>(
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
  ): Promise<T> {
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
    throw refusalError(response.status, errorTextOf(text) ?? response.statusText);
  };
}

/** An aggregator's refusal sorted: cursor gone, worth retrying, or waiting for a person. */
export function refusalError(status: number, message: string): Error {
  if (status === 410) return new CursorGoneError(message);
  if (status >= 500 || status === 429 || status === 408) {
    return new TransientSyncError(`aggregator error ${status}: ${message}`, status);
  }
  return new FatalSyncError(`aggregator refused (${status}): ${message}`);
}

/**
 * A one-way fingerprint of an aggregator address and a token: what the local store records as the
 * source of its cached issues, without keeping the token itself on disk in any readable form.
 */
export function answerSource(baseUrl: string, token: string): string {
  return createHash('sha256')
    .update(`${baseUrl.replace(/\/+$/, '')}\n${token}`)
    .digest('hex');
}

/** The aggregator's HTTP API (CONTRACTS.md, under /api/v1). */
export function httpAggregatorClient(options: HttpClientOptions): AggregatorClient {
  const request = aggregatorRequest(options);
  return {
    source: answerSource(options.baseUrl, options.token),
    pushItems: (items) => request<PushAcknowledgement>('POST', '/items', { items }),
    issueChanges: (cursor, limit) =>
      request<IssueChanges>(
        'GET',
        `/sync/issues?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      ),
    itemIssues: (ids) => request<ItemIssues>('POST', '/items/issues', { ids }),
    pushChanges: (changes) => request<ChangeAcknowledgement>('POST', '/items/changes', { changes }),
    myItems: (limit) => request<MyFeedbackItem[]>('POST', '/call/feedback.mine', { limit }),
  };
}
