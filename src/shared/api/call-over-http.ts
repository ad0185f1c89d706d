import type { ArgsOf, MethodName, ResultOf } from './contract.js';

/** The part of a fetch answer a call reads: the browser's and Node's `Response` both fit. */
export interface FetchAnswer {
  ok: boolean;
  status: number;
  statusText: string;
  text(): Promise<string>;
}

/** The part of `fetch` a call uses, passed in so the caller chooses it (and tests can too). */
export type FetchLike = (
  url: string,
  init: { method: 'POST'; headers: Record<string, string>; body: string; signal?: AbortSignal },
) => Promise<FetchAnswer>;

export interface HttpConnection {
  /** The aggregator's origin, e.g. `https://wocas.example.com` (a trailing slash is fine). */
  baseUrl: string;
  token: string;
  fetch: FetchLike;
  /** Per call; a slower aggregator counts as unreachable. No limit when absent. */
  timeoutMs?: number;
}

/**
 * Why a call failed: the aggregator could not be reached (`status` 0, or a gateway's 502, 503 or
 * 504 that is not the aggregator's own answer), answered with something that is not JSON, or
 * refused (`status` its HTTP status, the message its `error` text).
 */
export class CallFailedError extends Error {
  constructor(
    readonly reason: 'unreachable' | 'unreadable' | 'refused',
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** Bad gateway, service unavailable, gateway timeout: what a proxy says when the server behind it is not there. */
const GATEWAY_FAILURES = new Set([502, 503, 504]);

/** The `error` text of an aggregator's JSON error body, if it is one. */
export function errorTextOf(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as { error?: unknown };
    return typeof parsed.error === 'string' ? parsed.error : undefined;
  } catch {
    return undefined;
  }
}

/**
 * One method of the contract over `POST /api/v1/call/<method>`, typed by the contract: the path is
 * made from the method name, never written by hand. Each caller turns a CallFailedError into its
 * own error (the browser's ClientError, the desktop's sync errors).
 */
export async function callOverHttp<M extends MethodName>(
  connection: HttpConnection,
  method: M,
  args: ArgsOf<M>,
): Promise<ResultOf<M>> {
  const { fetch: send, timeoutMs } = connection;
  const url = `${connection.baseUrl.replace(/\/+$/, '')}/api/v1/call/${method}`;
  let answer: FetchAnswer;
  try {
    answer = await send(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${connection.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(args),
      ...(timeoutMs === undefined ? {} : { signal: AbortSignal.timeout(timeoutMs) }),
    });
  } catch (error) {
    throw new CallFailedError('unreachable', (error as Error).message, 0);
  }
  const body = await answer.text().catch(() => '');
  if (!answer.ok) {
    const error = errorTextOf(body);
    // A proxy in front of an aggregator that is down answers for it, with its own page.
    if (error === undefined && GATEWAY_FAILURES.has(answer.status))
      throw new CallFailedError(
        'unreachable',
        `${answer.status} ${answer.statusText}`,
        answer.status,
      );
    throw new CallFailedError('refused', error ?? answer.statusText, answer.status);
  }
  try {
    return JSON.parse(body) as ResultOf<M>;
  } catch {
    throw new CallFailedError(
      'unreadable',
      `an unreadable answer (${answer.status})`,
      answer.status,
    );
  }
}
