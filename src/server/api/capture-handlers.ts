import { z } from 'zod';
import { CHANNELS, feedbackItemStrictSchema } from '../../shared/domain/feedback-item.js';
import { HttpError } from '../http/http-error.js';
import { agentFeedback, markSeen, suggestIssues } from '../insights/agent-feedback.js';
import { EVERYONE, type HandlerMap } from './handler-registry.js';
import { parseArgs } from './parse-args.js';

const captureArgs = z.strictObject({
  text: z.string(),
  channel: z.enum(CHANNELS).optional(),
  root_cause: z.string().optional(),
  suggested_fix: z.string().optional(),
  segment: z.string().optional(),
  times_heard: z.int().optional(),
  issue_id: z.string().optional(),
});

/** What an agent does in the capture panel, served to the browser (the desktop answers locally). */
export const captureHandlers: HandlerMap = {
  'items.capture': {
    roles: EVERYONE,
    run: async (args, { token, commits, aggregator, now }) => {
      const input = parseArgs(captureArgs, args);
      // The token says who captured it: the browser cannot claim to be another agent or team.
      const parsed = feedbackItemStrictSchema.safeParse({
        ...Object.fromEntries(Object.entries(input).filter(([, value]) => value !== '' && value !== undefined)),
        id: globalThis.crypto.randomUUID(),
        agent: token.name,
        ...(token.team ? { team: token.team } : {}),
        created_at: new Date(now).toISOString(),
      });
      if (!parsed.success) throw new HttpError(400, parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
      const item = { ...parsed.data, id: parsed.data.id as string, created_at: parsed.data.created_at as string };
      const outcome = await commits.ingest([item]);
      const redactions = aggregator.db.prepare('SELECT redactions FROM items WHERE id = ?').pluck().get(item.id) as number;
      return { id: item.id, synced: true, issue_id: outcome.issues[item.id] ?? null, redactions };
    },
  },
  'issues.suggest': {
    roles: EVERYONE,
    run: (args, { aggregator }) => {
      const { text, limit } = parseArgs(z.strictObject({ text: z.string().max(5_000), limit: z.int().min(1).max(20).optional() }), args);
      return suggestIssues(aggregator.db, aggregator.ingestor.currentGrouper, text, limit ?? 5);
    },
  },
  'feedback.mine': {
    roles: EVERYONE,
    run: (args, { aggregator, token }) => {
      const { limit } = parseArgs(z.strictObject({ limit: z.int().min(1).max(500).optional() }), args);
      return agentFeedback(aggregator.db, token.name, limit ?? 100);
    },
  },
  'feedback.markSeen': {
    roles: EVERYONE,
    run: (args, { aggregator, token }) => {
      const { issueIds } = parseArgs(z.strictObject({ issueIds: z.array(z.string().max(64)).max(500) }), args);
      markSeen(aggregator.db, token.name, issueIds);
      return { ok: true as const };
    },
  },
};
