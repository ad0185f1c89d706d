import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { invalidInput } from '../../shared/api/parse-args.js';
import { describeValidationError } from '../../shared/domain/feedback-item.js';
import { type ItemChange, itemChangeSchema } from '../../shared/domain/item-change.js';
import type { Aggregator } from '../aggregator.js';
import { applyItemChanges } from '../items/item-changes.js';
import { itemHolder } from '../tokens/permissions.js';
import type { TokensRepo } from '../tokens/tokens-repo.js';
import { requirePermission, tokenOf } from './authenticate.js';
import { HttpError } from './http-error.js';
import type { Rejection } from './push-batch.js';

/** Like a push of items: a desktop's outbox sends at most this many changes at once. */
export const MAX_CHANGES_PER_PUSH = 1_000;

const changesBody = z.strictObject({ changes: z.array(z.unknown()) });

/** Each change checked on its own (one bad change never fails the others), named by its id or "#N". */
function validateChanges(body: unknown): { valid: ItemChange[]; rejected: Rejection[] } {
  const parsed = changesBody.safeParse(body);
  if (!parsed.success)
    throw new HttpError(
      400,
      invalidInput('body', `expected {"changes":[…]}: ${describeValidationError(parsed.error)}`),
    );
  const { changes } = parsed.data;
  if (changes.length > MAX_CHANGES_PER_PUSH)
    throw new HttpError(
      413,
      `at most ${MAX_CHANGES_PER_PUSH.toLocaleString('en')} changes a request, got ${changes.length.toLocaleString('en')}`,
    );
  const valid: ItemChange[] = [];
  const rejected: Rejection[] = [];
  changes.forEach((raw, index) => {
    const change = itemChangeSchema.safeParse(raw);
    if (change.success) valid.push(change.data);
    else {
      const id = typeof raw === 'object' && raw !== null ? (raw as { id?: unknown }).id : undefined;
      rejected.push({
        id: typeof id === 'string' ? id : `#${index}`,
        error: describeValidationError(change.error),
      });
    }
  });
  return { valid, rejected };
}

/**
 * POST /api/v1/items/changes: the desktop outbox's corrections and withdrawals of the agent's own
 * items, `{"changes":[{id, item_id, kind: "edit"|"withdraw", text?}]}` →
 * `{"applied":[id…],"duplicates":[id…],"rejected":[{id,error}]}`. Idempotent by change id.
 */
export function registerItemChangesRoute(
  app: FastifyInstance,
  aggregator: Aggregator,
  tokens: TokensRepo,
): void {
  app.post(
    '/api/v1/items/changes',
    { onRequest: requirePermission(tokens, 'POST /api/v1/items/changes') },
    async (request) => {
      const token = tokenOf(request);
      const { valid, rejected } = validateChanges(request.body);
      const outcome =
        valid.length === 0
          ? { applied: [], duplicates: [], rejected: [] }
          : await applyItemChanges(
              aggregator.storage,
              itemHolder(token),
              valid,
              aggregator.clock(),
            );
      return {
        applied: outcome.applied,
        duplicates: outcome.duplicates,
        rejected: [...rejected, ...outcome.rejected],
      };
    },
  );
}
