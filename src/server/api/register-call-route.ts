import type { FastifyInstance } from 'fastify';
import { METHOD_NAMES, type MethodName } from '../../shared/api/contract.js';
import type { Aggregator } from '../aggregator.js';
import { HttpError } from '../http/http-error.js';
import type { GroupCommit } from '../ingest/group-commit.js';
import { checkAllowed, isHeavy } from '../tokens/permissions.js';
import type { HeavyReads } from '../http/heavy-reads.js';
import type { TokensRepo } from '../tokens/tokens-repo.js';
import { requirePermission, tokenOf } from '../http/authenticate.js';
import { captureHandlers } from './capture-handlers.js';
import { joinHandlers } from './handler-registry.js';
import { insightHandlers } from './insight-handlers.js';
import { sessionHandlers } from './session-handlers.js';
import { workbenchHandlers } from './workbench-handlers.js';

const HANDLERS = joinHandlers(METHOD_NAMES, sessionHandlers, captureHandlers, insightHandlers, workbenchHandlers);

/**
 * POST /api/v1/call/<method>: the UI's typed contract (src/shared/api/contract.ts) over HTTP, one
 * method per call, arguments as the JSON body. The same contract runs over IPC in the desktop app.
 */
export function registerCallRoute(app: FastifyInstance, aggregator: Aggregator, tokens: TokensRepo, commits: GroupCommit, heavy: HeavyReads): void {
  app.post<{ Params: { method: string } }>(
    '/api/v1/call/:method',
    { onRequest: requirePermission(tokens) },
    async (request) => {
      const name = request.params.method as MethodName;
      const handler = (METHOD_NAMES as readonly string[]).includes(name) ? HANDLERS[name] : undefined;
      if (!handler) throw new HttpError(404, `no such method: ${request.params.method.slice(0, 60)}`);
      const token = tokenOf(request);
      checkAllowed(token, name);
      const run = () => handler.run(request.body, { token, aggregator, commits, now: aggregator.clock() });
      return isHeavy(name) ? heavy.run(run) : run();
    },
  );
}
