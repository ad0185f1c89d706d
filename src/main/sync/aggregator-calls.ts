import type { Session, Taxonomy } from '../../shared/api/contract.js';
import { type HttpClientOptions, aggregatorRequest } from './aggregator-client.js';

/** The aggregator's answers the desktop needs besides sync: who the token is, and the taxonomy. */
export interface AggregatorCalls {
  whoami(): Promise<Session>;
  taxonomy(): Promise<Taxonomy>;
}

/** The shared contract's methods over HTTP (`POST /api/v1/call/<method>`), as the browser calls them. */
export function aggregatorCalls(options: HttpClientOptions): AggregatorCalls {
  const request = aggregatorRequest(options);
  return {
    whoami: () => request<Session>('POST', '/call/session.whoami', {}),
    taxonomy: () => request<Taxonomy>('POST', '/call/meta.taxonomy', {}),
  };
}
