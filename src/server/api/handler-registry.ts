import type { ArgsOf, MethodName, ResultOf, Role } from '../../shared/api/contract.js';
import type { Aggregator } from '../aggregator.js';
import type { GroupCommit } from '../ingest/group-commit.js';
import type { TokenIdentity } from '../tokens/tokens-repo.js';

/** What every handler gets: who asks, the aggregator, and the clock. */
export interface CallContext {
  token: TokenIdentity;
  aggregator: Aggregator;
  commits: GroupCommit;
  now: number;
}

export interface Handler<M extends MethodName> {
  /** Roles allowed to call it; anyone else gets 403. */
  roles: readonly Role[];
  /** Validates the raw arguments (throws a readable error) and answers. */
  run: (args: unknown, context: CallContext) => ResultOf<M> | Promise<ResultOf<M>>;
}

export type HandlerMap = { [M in MethodName]?: Handler<M> };

export const EVERYONE: readonly Role[] = ['agent', 'lead', 'analyst', 'admin'];
export const ANALYSTS: readonly Role[] = ['lead', 'analyst', 'admin'];
/** Who may change issues: the full-time owners of root causes, not leads or agents. */
export const WORKBENCH: readonly Role[] = ['analyst', 'admin'];

/**
 * Joins the handler maps of each domain into one, refusing a method defined twice and requiring
 * every method of the contract, so the HTTP surface and the contract cannot drift apart.
 */
export function joinHandlers(methods: readonly MethodName[], ...maps: HandlerMap[]): Required<HandlerMap> {
  const joined: HandlerMap = {};
  for (const map of maps) {
    for (const [name, handler] of Object.entries(map) as [MethodName, Handler<MethodName>][]) {
      if (joined[name]) throw new Error(`API method ${name} is defined twice`);
      (joined as Record<MethodName, Handler<MethodName>>)[name] = handler;
    }
  }
  const missing = methods.filter((name) => !joined[name]);
  if (missing.length > 0) throw new Error(`API methods without a handler: ${missing.join(', ')}`);
  return joined as Required<HandlerMap>;
}

export type { ArgsOf };
