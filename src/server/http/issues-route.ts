import type { FastifyInstance } from 'fastify';
import type { Aggregator } from '../aggregator.js';
import { rankIssues } from '../issues/rank-issues.js';
import type { TokensRepo } from '../tokens/tokens-repo.js';
import { requirePermission, tokenOf } from './authenticate.js';
import type { HeavyReads } from './heavy-reads.js';
import { parseIssuesQuery } from './issues-query.js';

/** GET /api/v1/issues: the ranked issues, the same document as `wocas issues --json`. */
export function registerIssuesRoute(
  app: FastifyInstance,
  aggregator: Aggregator,
  tokens: TokensRepo,
  heavy: HeavyReads,
): void {
  app.get(
    '/api/v1/issues',
    { onRequest: requirePermission(tokens, 'GET /api/v1/issues') },
    (request) => {
      const query = parseIssuesQuery(request.query, tokenOf(request));
      return heavy.run(() => rankIssues(aggregator.storage, query, aggregator.clock()));
    },
  );
}
