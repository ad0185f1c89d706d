import { CallFailedError, callOverHttp } from '../../shared/api/call-over-http.js';
import type { ArgsOf, MethodName, ResultOf } from '../../shared/api/contract.js';
import { type HttpClientOptions, TransientSyncError, refusalError } from './aggregator-client.js';

/** One method of the shared contract on the aggregator, typed by the contract. */
export type AggregatorCall = <M extends MethodName>(
  method: M,
  args: ArgsOf<M>,
) => Promise<ResultOf<M>>;

/**
 * The shared contract's methods over HTTP (`POST /api/v1/call/<method>`), as the browser calls
 * them, their failures sorted like the sync requests' (transient, fatal) so the loop treats both alike.
 */
export function aggregatorCall(options: HttpClientOptions): AggregatorCall {
  const connection = {
    baseUrl: options.baseUrl,
    token: options.token,
    fetch: options.fetch ?? fetch,
    timeoutMs: options.timeoutMs ?? 15_000,
  };
  return async (method, args) => {
    try {
      return await callOverHttp(connection, method, args);
    } catch (error) {
      if (!(error instanceof CallFailedError)) throw error;
      if (error.reason === 'unreachable')
        throw new TransientSyncError(`aggregator unreachable: ${error.message}`);
      if (error.reason === 'unreadable')
        throw new TransientSyncError(`aggregator sent ${error.message}`);
      throw refusalError(error.status, error.message);
    }
  };
}
