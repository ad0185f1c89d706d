import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { type InputKind, parseArgs } from '../../shared/api/parse-args.js';
import type { Aggregator } from '../aggregator.js';
import {
  InvalidCursorError,
  issueChangesSince,
  issueExplanations,
} from '../issues/issue-changes.js';
import type { TokensRepo } from '../tokens/tokens-repo.js';
import { requirePermission, tokenOf } from './authenticate.js';
import { isSharedTerm } from '../../shared/grouping/shared-terms.js';
import { issuesOfItems } from '../items/items-repo.js';
import { dataScope, itemOwner } from '../tokens/permissions.js';
import { HttpError } from './http-error.js';

const changesQuery = z.strictObject({
  cursor: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(1_000).default(500),
});

const itemIssuesBody = z.strictObject({ ids: z.array(z.string().min(1).max(128)).max(1_000) });

function parse<T>(schema: z.ZodType<T>, value: unknown, kind: InputKind): T {
  const parsed = parseArgs(schema, value, kind);
  if (!parsed.ok) throw new HttpError(400, parsed.message);
  return parsed.value;
}

/**
 * What desktops pull: issues changed after a cursor (for suggestions and statuses while offline)
 * and the issue each of their items is in now, with its root cause and note (close the loop:
 * reclustering, merges and "heard again" put items into issues another team reported first).
 */
export function registerSyncRoutes(
  app: FastifyInstance,
  aggregator: Aggregator,
  tokens: TokensRepo,
): void {
  app.get(
    '/api/v1/sync/issues',
    { onRequest: requirePermission(tokens, 'GET /api/v1/sync/issues') },
    async (request) => {
      const { cursor, limit } = parse(changesQuery, request.query, 'query');
      // Terms come from verbatims: who may not read every verbatim gets only terms items share,
      // counted as they are now (an edit or withdrawal elsewhere may have lowered them).
      const { vocabulary } = await aggregator.ingestor.refresh();
      const token = tokenOf(request);
      const showTerm =
        dataScope(token).kind === 'all'
          ? () => true
          : (term: string) => isSharedTerm(vocabulary, term);
      try {
        // Root causes and notes follow the role: an issue shows them only to readers of one of
        // its items (an agent's own, a lead's team's, or anyone's for analysts and admins).
        return await issueChangesSince(
          aggregator.storage,
          cursor === '' ? undefined : cursor,
          limit,
          { items: itemOwner(token), showTerm },
        );
      } catch (error) {
        // 410: the client's cursor belongs to another history; it must drop its cache and start over.
        if (error instanceof InvalidCursorError) throw new HttpError(410, error.message);
        throw error;
      }
    },
  );

  app.post(
    '/api/v1/items/issues',
    { onRequest: requirePermission(tokens, 'POST /api/v1/items/issues') },
    async (request) => {
      const { ids } = parse(itemIssuesBody, request.body, 'body');
      const issues = await issuesOfItems(aggregator.storage, ids, itemOwner(tokenOf(request)));
      // Each issue answered holds an item the token may look up, so its cause and note are the
      // token's to read: the desktop fills its cache from here for issues its items moved into.
      const issue_details = await issueExplanations(aggregator.storage, Object.values(issues));
      return { issues, issue_details };
    },
  );
}
