import type { FastifyInstance } from 'fastify';
import type { Aggregator } from '../aggregator.js';
import type { TokensRepo } from '../tokens/tokens-repo.js';
import type { GroupCommit } from '../ingest/group-commit.js';
import { requirePermission, tokenOf } from './authenticate.js';
import { checkAgentOwnsItems, readPushBody, validatePush } from './push-batch.js';

/**
 * POST /api/v1/items: the sync push. Exactly-once holds even for racing duplicate pushes, to this
 * process or to another one on the same database: the ingest (duplicate check and insert) is one
 * transaction under the storage's write lock, and ids are unique in the items table besides.
 * Concurrent pushes share a transaction (group commit).
 */
export function registerItemsRoute(app: FastifyInstance, aggregator: Aggregator, tokens: TokensRepo, commits: GroupCommit): void {
  app.post('/api/v1/items', { onRequest: requirePermission(tokens, 'items.push') }, async (request) => {
    const { valid, rejected } = validatePush(readPushBody(request.body), aggregator.clock());
    checkAgentOwnsItems(tokenOf(request), valid);
    const outcome = valid.length === 0 ? { accepted: [], duplicates: [], rejected: [], issues: {} } : await commits.ingest(valid);
    return {
      accepted: outcome.accepted,
      duplicates: outcome.duplicates,
      rejected: [...rejected, ...outcome.rejected.map(({ id, error }) => ({ id, error }))],
      issues: outcome.issues,
    };
  });
}
