import type { FastifyInstance } from 'fastify';
import type { Aggregator } from '../aggregator.js';
import { itemOwner } from '../tokens/permissions.js';
import type { TokensRepo } from '../tokens/tokens-repo.js';
import type { GroupCommit } from '../ingest/group-commit.js';
import { requirePermission, tokenOf } from './authenticate.js';
import { readPushBody, stampItem, validatePush } from './push-batch.js';

/**
 * POST /api/v1/items: the sync push. Exactly-once holds even for racing duplicate pushes, to this
 * process or to another one on the same database: the ingest (duplicate check and insert) is one
 * transaction under the storage's write lock, and ids are unique in the items table besides.
 * Concurrent pushes share a transaction (group commit). An id already used by an item the token
 * may not read is refused with one fixed answer (Ingestor's FOREIGN_ID), so the answer names only
 * the token's own items' issues and says nothing of anyone else's.
 */
export function registerItemsRoute(
  app: FastifyInstance,
  aggregator: Aggregator,
  tokens: TokensRepo,
  commits: GroupCommit,
): void {
  app.post(
    '/api/v1/items',
    { onRequest: requirePermission(tokens, 'POST /api/v1/items') },
    async (request) => {
      const token = tokenOf(request);
      const checked = validatePush(readPushBody(request.body), aggregator.clock());
      const valid = checked.valid.map((item) => stampItem(token, item));
      const { rejected } = checked;
      const outcome =
        valid.length === 0
          ? { accepted: [], duplicates: [], rejected: [], issues: {} }
          : await commits.ingest(valid, itemOwner(token));
      return {
        accepted: outcome.accepted,
        duplicates: outcome.duplicates,
        rejected: [...rejected, ...outcome.rejected.map(({ id, error }) => ({ id, error }))],
        issues: outcome.issues,
      };
    },
  );
}
