import type { ApiEvents, ArgsOf, EventName, MethodName, ResultOf, WocasClient } from '../../shared/api/contract.js';

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
export function httpClient(baseUrl: string, token: string, onUnauthorized?: () => void): WocasClient {
  return {
    async invoke<M extends MethodName>(method: M, args: ArgsOf<M>): Promise<ResultOf<M>> {
      let response: Response;
      try {
        response = await fetch(`${baseUrl}/api/v1/call/${method}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify(args),
        });
      } catch {
        throw new ClientError('unreachable', 0);
      }
      const body = (await response.json().catch(() => ({}))) as { error?: string };
      if (response.status === 401) onUnauthorized?.();
      if (!response.ok) throw new ClientError(body.error ?? response.statusText, response.status);
      return body as ResultOf<M>;
    },
    on<E extends EventName>(_event: E, _listener: (payload: ApiEvents[E]) => void): () => void {
      // The browser has no outbox to report on; nothing is ever pushed.
      return () => undefined;
    },
  };
}
