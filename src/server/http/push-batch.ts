import { z } from 'zod';
import { invalidInput } from '../../shared/api/parse-args.js';
import {
  type IncomingItem,
  describeValidationError,
  feedbackItemStrictSchema,
} from '../../shared/domain/feedback-item.js';
import { heardAtProblem } from '../../shared/time/heard-at.js';
import { dataScope } from '../tokens/permissions.js';
import type { TokenIdentity } from '../tokens/tokens-repo.js';
import { HttpError } from './http-error.js';

/** The contract's limit per request; a client with more splits its outbox into several pushes. */
export const MAX_ITEMS_PER_PUSH = 1_000;

export interface Rejection {
  id: string;
  error: string;
}

const pushBody = z.strictObject({ items: z.array(z.unknown()) });

/** The items array of a push, or a 400/413 when the body is not {"items":[…]} or holds too many. */
export function readPushBody(body: unknown): unknown[] {
  const parsed = pushBody.safeParse(body);
  if (!parsed.success) {
    throw new HttpError(
      400,
      invalidInput('body', `expected {"items":[…]}: ${describeValidationError(parsed.error)}`),
    );
  }
  const { items } = parsed.data;
  if (items.length > MAX_ITEMS_PER_PUSH) {
    throw new HttpError(
      413,
      `at most ${MAX_ITEMS_PER_PUSH.toLocaleString('en')} items a request, got ${items.length.toLocaleString('en')}`,
    );
  }
  return items;
}

/** How a rejected item is named back to the client: its id when it sent one, else "#index" (0-based). */
function rejectionId(raw: unknown, index: number): string {
  const id = typeof raw === 'object' && raw !== null ? (raw as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? id : `#${index}`;
}

/**
 * Validates each item on its own, so that one bad item does not hold back the rest. An item must
 * carry its id: a push is retried after any failure, and only a client-made id makes that harmless.
 */
export function validatePush(
  rawItems: readonly unknown[],
  now: number,
): { valid: IncomingItem[]; rejected: Rejection[] } {
  const valid: IncomingItem[] = [];
  const rejected: Rejection[] = [];
  rawItems.forEach((raw, index) => {
    const parsed = feedbackItemStrictSchema.safeParse(raw);
    if (!parsed.success) {
      rejected.push({ id: rejectionId(raw, index), error: describeValidationError(parsed.error) });
    } else if (parsed.data.id === undefined) {
      rejected.push({
        id: rejectionId(raw, index),
        error: 'id: is required (it makes retried pushes harmless)',
      });
    } else {
      const { id, created_at } = parsed.data;
      // The schema checks the date is real; only the receiver's clock can say it is not in the future.
      const heardAt = created_at === undefined ? null : heardAtProblem(Date.parse(created_at), now);
      if (heardAt !== null) rejected.push({ id, error: `created_at: ${heardAt}` });
      else
        valid.push({ ...parsed.data, id, created_at: created_at ?? new Date(now).toISOString() });
    }
  });
  return { valid, rejected };
}

/**
 * Who an item is stored under follows the token, whatever the payload says (docs/permissions.md):
 * an agent's items are theirs and their team's, a lead's are their team's (naming any of its
 * agents, as a lead loading the team's notes would). Analysts and admins load on anyone's behalf
 * (bulk loads, migrations), so theirs are kept as sent.
 */
export function stampItem<T extends IncomingItem>(token: TokenIdentity, item: T): T {
  const scope = dataScope(token);
  if (scope.kind === 'all') return item;
  const stamped: T = { ...item, team: token.team ?? undefined };
  if (scope.kind === 'agent') stamped.agent = token.name;
  // Absent, not undefined: the item schema's optional fields are left out when unknown.
  if (stamped.team === undefined) delete stamped.team;
  return stamped;
}
