import type { FastifyInstance } from 'fastify';
import type { Aggregator } from '../aggregator.js';
import type { TokensRepo } from '../tokens/tokens-repo.js';
import type { GroupCommit } from '../ingest/group-commit.js';
import { requirePermission, tokenOf } from './authenticate.js';
import { checkAgentOwnsItems, readPushBody, validatePush } from './push-batch.js';

/**
 * POST /api/v1/items: the sync push. Exactly-once holds even for racing duplicate pushes because
 * the ingest (duplicate check and insert) is one synchronous SQLite transaction: no other request
 * can run between the check and the write. Concurrent pushes share a transaction (group commit).
 */
export function registerItemsRoute(app: FastifyInstance, aggregator: Aggregator, tokens: TokensRepo, commits: GroupCommit): void {
  app.post('/api/v1/items', { onRequest: requirePermission(tokens, 'items.push') }, async (request) => {
    const { valid, rejected } = validatePush(readPushBody(request.body), aggregator.clock());
    checkAgentOwnsItems(tokenOf(request), valid);
    const outcome = valid.length === 0 ? { accepted: [], duplicates: [], rejected: [], issues: {} } : await commits.ingest(valid);
    return {
      accepted: outcome.accepted,
      duplicates: outcome.duplicates,
      rejected: [...rejected, ...outcome.rejected],
      issues: outcome.issues,
    };
  });
}
