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

/** What the app learns from every call, whichever view made it. */
export interface HttpClientHooks {
  /** A 401: the token was revoked or expired since sign-in, so the app asks for a new one. */
  onUnauthorized?: () => void;
  /**
   * After every call: true when the aggregator answered (whatever it said), false when it could
   * not be reached. Any answer means the server is back, so an "unreachable" on screen can go.
   */
  onReachable?: (reachable: boolean) => void;
}

/** The WOCAS client over the aggregator's HTTP API, for the UI served to a browser. */
export function httpClient(
  baseUrl: string,
  token: string,
  hooks: HttpClientHooks = {},
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
        const result = await callOverHttp(connection, method, args);
        hooks.onReachable?.(true);
        return result;
      } catch (error) {
        if (!(error instanceof CallFailedError)) throw error;
        hooks.onReachable?.(error.reason !== 'unreachable');
        if (error.status === 401) hooks.onUnauthorized?.();
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
