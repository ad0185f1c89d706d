import { z } from 'zod';
import { CHANNELS } from '../../shared/domain/feedback-item.js';
import { InvalidItemError } from '../store/captured-items.js';
import { DesktopApiError } from './desktop-error.js';
import type { DesktopHandlerMap } from './handler-map.js';
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

/**
 * The capture panel's methods over the local store, mirroring how the aggregator answers them in
 * the browser (src/server/api/capture-handlers.ts): the same arguments, the same results. The
 * agent and team come from the settings, never from the renderer.
 */
export const captureHandlers: DesktopHandlerMap = {
  'items.capture': (args, { store, settings, clock, sync }) => {
    const input = parseArgs(captureArgs, args);
    const { displayName, team } = settings.current();
    const fields = Object.fromEntries(
      Object.entries(input).filter(([, value]) => value !== '' && value !== undefined),
    );
    let saved;
    try {
      saved = store.items.capture(
        {
          ...fields,
          text: input.text,
          ...(displayName ? { agent: displayName } : {}),
          ...(team ? { team } : {}),
        },
        clock(),
      );
    } catch (error) {
      if (error instanceof InvalidItemError)
        throw new DesktopApiError('invalid_arguments', `invalid arguments: ${error.message}`);
      throw error;
    }
    sync.captured();
    return {
      id: saved.id,
      synced: saved.sync_state === 'synced',
      issue_id: saved.issue_id,
      redactions: saved.redactions,
    };
  },
  'issues.suggest': (args, { store }) => {
    const { text, limit } = parseArgs(
      z.strictObject({ text: z.string().max(5_000), limit: z.int().min(1).max(20).optional() }),
      args,
    );
    return store.issues
      .suggest(text, limit ?? 5)
      .map((s) => ({ ...s, similarity: Math.round(s.similarity * 1000) / 1000 }));
  },
  'feedback.mine': (args, { store }) => {
    const { limit } = parseArgs(
      z.strictObject({ limit: z.int().min(1).max(500).optional() }),
      args,
    );
    return store.myFeedback.list(limit ?? 100).map((item) => ({
      id: item.id,
      text: item.text,
      created_at: item.created_at,
      sync_state: item.sync_state,
      issue: item.issue,
      unseen: item.unseen,
    }));
  },
  'feedback.markSeen': (args, { store }) => {
    const { issueIds } = parseArgs(
      z.strictObject({ issueIds: z.array(z.string().max(64)).max(500) }),
      args,
    );
    store.myFeedback.markSeen(issueIds);
    return { ok: true as const };
  },
};
