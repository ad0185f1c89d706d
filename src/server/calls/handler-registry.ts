import type { ParsedArgs } from '../../shared/api/call-args.js';
import type { ArgsOf, MethodName, ResultOf } from '../../shared/api/contract.js';
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

/**
 * Who may call a method is not the handler's to say: PERMISSIONS in src/server/tokens/permissions.ts.
 * Nor is the arguments' shape: the call route validates them with CALL_ARGS first.
 */
export interface Handler<M extends MethodName> {
  /** Answers; the server's own checks (a lead's team, time bounds) throw a readable HttpError. */
  run: (args: ParsedArgs<ArgsOf<M>>, context: CallContext) => ResultOf<M> | Promise<ResultOf<M>>;
}

export type HandlerMap = { [M in MethodName]?: Handler<M> };
export type Handlers = Required<HandlerMap>;
