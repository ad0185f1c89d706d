import { invalidInputMessage } from '../../shared/api/parse-args.js';
import { feedbackItemStrictSchema } from '../../shared/domain/feedback-item.js';
import { HttpError } from '../http/http-error.js';
import { agentFeedback, markSeen, suggestIssues } from '../feedback/agent-feedback.js';
import { storedRedactions } from '../items/items-repo.js';
import { itemChangeSchema } from '../../shared/domain/item-change.js';
import type { ItemChangeResult } from '../../shared/api/contract.js';
import { applyItemChanges } from '../items/item-changes.js';
import type { Aggregator } from '../aggregator.js';
import type { HandlerMap } from './handler-registry.js';
import { isSharedTerm } from '../../shared/grouping/shared-terms.js';
import { type ItemHolder } from '../items/items-repo.js';
import { dataScope, itemHolder, itemOwner } from '../tokens/permissions.js';

const QUEUED_FOR_AT_MOST = 30 * 86_400_000;

/** A queued save's time, trusted only within the last 30 days and never ahead of the server's clock. */
function heardAt(claimed: string | undefined, now: number): number {
  const at = claimed === undefined ? Number.NaN : Date.parse(claimed);
  return Number.isFinite(at) && at <= now && at >= now - QUEUED_FOR_AT_MOST ? at : now;
}

/** One edit or withdrawal by the token's agent, answered like a capture: at once, or a 400 that says why. */
async function changeItem(
  aggregator: Aggregator,
  holder: ItemHolder,
  raw: Record<string, unknown>,
  now: number,
): Promise<ItemChangeResult> {
  const parsed = itemChangeSchema.safeParse({
    ...raw,
    id: raw.id ?? globalThis.crypto.randomUUID(),
  });
  if (!parsed.success) throw new HttpError(400, invalidInputMessage('arguments', parsed.error));
  const change = parsed.data;
  const outcome = await applyItemChanges(aggregator.storage, holder, [change], now);
  const refused = outcome.rejected[0];
  if (refused !== undefined) throw new HttpError(400, refused.error);
  const stored = outcome.stored.get(change.id) ?? { text: null, redactions: 0 };
  return { item_id: change.item_id, id: change.id, synced: true, ...stored };
}

/** What an agent does in the capture panel, served to the browser (the desktop answers locally). */
export const captureHandlers: HandlerMap = {
  'items.capture': {
    run: async (args, { token, commits, aggregator, now }) => {
      const { id, heard_at, ...input } = args;
      // The token says who captured it: the browser cannot claim to be another agent or team.
      const parsed = feedbackItemStrictSchema.safeParse({
        ...Object.fromEntries(
          Object.entries(input).filter(([, value]) => value !== '' && value !== undefined),
        ),
        id: id ?? globalThis.crypto.randomUUID(),
        agent: token.name,
        ...(token.team ? { team: token.team } : {}),
        created_at: new Date(heardAt(heard_at, now)).toISOString(),
      });
      if (!parsed.success) throw new HttpError(400, invalidInputMessage('arguments', parsed.error));
      const item = {
        ...parsed.data,
        id: parsed.data.id as string,
        created_at: parsed.data.created_at as string,
      };
      const outcome = await commits.ingest([item], itemOwner(token));
      // An id already used for other words, or by someone else's item: refused, never answered as
      // saved (the queue drops it). What is answered is the token's own item, as a push answers.
      const refused = outcome.rejected[0];
      if (refused !== undefined) throw new HttpError(400, refused.error);
      const issueId = outcome.issues[item.id] ?? null;
      const redactions = issueId === null ? 0 : await storedRedactions(aggregator.storage, item.id);
      return { id: item.id, synced: true, issue_id: issueId, redactions };
    },
  },
  'items.edit': {
    run: ({ item_id, text, id }, { aggregator, token, now }) =>
      changeItem(aggregator, itemHolder(token), { kind: 'edit', item_id, text, id }, now),
  },
  'items.withdraw': {
    run: ({ item_id, id }, { aggregator, token, now }) =>
      changeItem(aggregator, itemHolder(token), { kind: 'withdraw', item_id, id }, now),
  },
  'issues.suggest': {
    run: async (args, { aggregator, token }) => {
      const { text, limit } = args;
      // As the database has it now: another process's ingest, or an edit that unshared a word.
      const grouper = await aggregator.ingestor.refresh();
      // A word only one other customer said must not be probed for: match on shared terms only.
      const useTerm =
        dataScope(token).kind === 'all'
          ? undefined
          : (term: string) => isSharedTerm(grouper.vocabulary, term);
      return suggestIssues(aggregator.storage, grouper, text, limit ?? 5, useTerm);
    },
  },
  'feedback.mine': {
    run: (args, { aggregator, token }) => {
      return agentFeedback(aggregator.storage, itemHolder(token), args.limit ?? 100);
    },
  },
  'feedback.markSeen': {
    run: async (args, { aggregator, token }) => {
      await markSeen(aggregator.storage, token.name, args.issueIds);
      return { ok: true as const };
    },
  },
};
