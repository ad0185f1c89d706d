import type { FastifyInstance } from 'fastify';
import type { Aggregator } from '../aggregator.js';
import { issuesOfItems } from '../items/items-repo.js';
import { itemOwner } from '../tokens/permissions.js';
import type { TokenIdentity, TokensRepo } from '../tokens/tokens-repo.js';
import type { GroupCommit } from '../ingest/group-commit.js';
import { requirePermission, tokenOf } from './authenticate.js';
import { readPushBody, stampItem, validatePush } from './push-batch.js';

/**
 * The issue of each pushed item, except for a "duplicate" id that is someone else's item: pushing
 * another agent's id must not tell which issue their item is in (as POST /items/issues would not).
 */
async function visibleIssues(
  aggregator: Aggregator,
  token: TokenIdentity,
  outcome: { accepted: string[]; duplicates: string[]; issues: Record<string, string> },
): Promise<Record<string, string>> {
  const owner = itemOwner(token);
  if (owner === 'all' || outcome.duplicates.length === 0) return outcome.issues;
  const duplicates = new Set(outcome.duplicates);
  const mine = await issuesOfItems(aggregator.storage, outcome.duplicates, owner);
  return Object.fromEntries(
    Object.entries(outcome.issues).filter(([id]) => !duplicates.has(id) || Object.hasOwn(mine, id)),
  );
}

/**
 * POST /api/v1/items: the sync push. Exactly-once holds even for racing duplicate pushes, to this
 * process or to another one on the same database: the ingest (duplicate check and insert) is one
 * transaction under the storage's write lock, and ids are unique in the items table besides.
 * Concurrent pushes share a transaction (group commit).
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
          : await commits.ingest(valid);
      return {
        accepted: outcome.accepted,
        duplicates: outcome.duplicates,
        rejected: [...rejected, ...outcome.rejected.map(({ id, error }) => ({ id, error }))],
        issues: await visibleIssues(aggregator, token, outcome),
      };
    },
  );
}
