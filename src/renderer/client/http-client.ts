import { CallFailedError, callOverHttp } from '../../shared/api/call-over-http.js';
import type {
  ApiEvents,
  ArgsOf,
  EventName,
  MethodName,
  ResultOf,
  WocasClient,
} from '../../shared/api/contract.js';

/** A failed call, with the server's message and status (0 when the server could not be reached). */
export class ClientError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }

  get unreachable(): boolean {
    return this.status === 0;
  }
}

/**
 * The WOCAS client over the aggregator's HTTP API, for the UI served to a browser. A 401 means the
 * token was revoked or expired since sign-in: `onUnauthorized` lets the app ask for a new one.
 */
export function httpClient(
  baseUrl: string,
  token: string,
  onUnauthorized?: () => void,
): WocasClient {
  // Called unbound: window.fetch refuses to run as a method of another object.
  const connection = {
    baseUrl,
    token,
    fetch: (url: string, init: RequestInit) => fetch(url, init),
  };
  return {
    async invoke<M extends MethodName>(method: M, args: ArgsOf<M>): Promise<ResultOf<M>> {
      try {
        return await callOverHttp(connection, method, args);
      } catch (error) {
        if (!(error instanceof CallFailedError)) throw error;
        if (error.status === 401) onUnauthorized?.();
        throw new ClientError(
          error.reason === 'unreachable' ? 'unreachable' : error.message,
          error.status,
        );
      }
    },
    on<E extends EventName>(_event: E, _listener: (payload: ApiEvents[E]) => void): () => void {
      // The browser has no outbox to report on; nothing is ever pushed.
      return () => undefined;
    },
  };
}
