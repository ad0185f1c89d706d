import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { CALL_ARGS, METHOD_NAMES, isMethodName } from '../../shared/api/call-args.js';
import { joinHandlers } from '../../shared/api/join-handlers.js';
import { parseArgs } from '../../shared/api/parse-args.js';
import type { Aggregator } from '../aggregator.js';
import { HttpError } from '../http/http-error.js';
import type { GroupCommit } from '../ingest/group-commit.js';
import { checkAllowed, isHeavy } from '../tokens/permissions.js';
import type { HeavyReads } from '../http/heavy-reads.js';
import type { TokensRepo } from '../tokens/tokens-repo.js';
import { requirePermission, tokenOf } from '../http/authenticate.js';
import { captureHandlers } from './capture-handlers.js';
import type { CallContext, Handlers } from './handler-registry.js';
import { insightHandlers } from './insight-handlers.js';
import { sessionHandlers } from './session-handlers.js';
import { settingsHandlers } from './settings-handlers.js';
import { workbenchHandlers } from './workbench-handlers.js';

const HANDLERS = joinHandlers<Handlers>(
  'API',
  METHOD_NAMES,
  sessionHandlers,
  captureHandlers,
  insightHandlers,
  workbenchHandlers,
  settingsHandlers,
);

/**
 * POST /api/v1/call/<method>: the UI's typed contract (src/shared/api/contract.ts) over HTTP, one
 * method per call, arguments as the JSON body. The same contract runs over IPC in the desktop app.
 */
export function registerCallRoute(
  app: FastifyInstance,
  aggregator: Aggregator,
  tokens: TokensRepo,
  commits: GroupCommit,
  heavy: HeavyReads,
): void {
  app.post<{ Params: { method: string } }>(
    '/api/v1/call/:method',
    { onRequest: requirePermission(tokens) },
    async (request) => {
      const name = request.params.method;
      if (!isMethodName(name)) throw new HttpError(404, `no such method: ${name.slice(0, 60)}`);
      const token = tokenOf(request);
      checkAllowed(token, name);
      const args = parseArgs(CALL_ARGS[name] as z.ZodType<unknown>, request.body);
      if (!args.ok) throw new HttpError(400, args.message);
      // The schema of `name` made `args.value`, so it is the arguments `HANDLERS[name]` takes.
      const handler = HANDLERS[name] as { run: (args: unknown, context: CallContext) => unknown };
      const run = () =>
        handler.run(args.value, { token, aggregator, commits, now: aggregator.clock() });
      return await (isHeavy(name) ? heavy.run(run) : run());
    },
  );
}
