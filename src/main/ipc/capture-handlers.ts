import { invalidInput } from '../../shared/api/parse-args.js';
import { InvalidItemError } from '../store/captured-items.js';
import { DesktopApiError } from './desktop-error.js';
import type { DesktopHandlerMap } from './handler-map.js';

/** A store refusal (bad text, an unknown item) as the agent reads it, like the aggregator's 400. */
function refusingInvalid<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof InvalidItemError)
      throw new DesktopApiError('invalid_arguments', invalidInput('arguments', error.message));
    throw error;
  }
}

/**
 * The capture panel's methods over the local store, mirroring how the aggregator answers them in
 * the browser (src/server/calls/capture-handlers.ts): the same arguments, the same results. The
 * agent and team come from the settings, never from the renderer.
 */
export const captureHandlers: DesktopHandlerMap = {
  'items.capture': (input, { store, settings, clock, sync }) => {
    const { displayName, team } = settings.current();
    // The desktop's own store makes ids and times: `id` and `heard_at` only matter to the browser's queue.
    const fields = Object.fromEntries(
      Object.entries(input).filter(
        ([key, value]) => value !== '' && value !== undefined && key !== 'id' && key !== 'heard_at',
      ),
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
        new Date(clock()),
      );
    } catch (error) {
      if (error instanceof InvalidItemError)
        throw new DesktopApiError('invalid_arguments', invalidInput('arguments', error.message));
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
  // Applied to the local store at once and queued like a capture; `id` only matters to the browser.
  'items.edit': ({ item_id, text }, { store, sync }) => {
    const change = refusingInvalid(() => store.changes.edit(item_id, text));
    sync.captured();
    return { ...change, synced: false };
  },
  'items.withdraw': ({ item_id }, { store, sync }) => {
    const change = refusingInvalid(() => store.changes.withdraw(item_id));
    sync.captured();
    return { ...change, synced: false };
  },
  'issues.suggest': ({ text, limit }, { store }) => {
    return store.issues
      .suggest(text, limit ?? 5)
      .map((s) => ({ ...s, similarity: Math.round(s.similarity * 1000) / 1000 }));
  },
  'feedback.mine': ({ limit }, { store }) => {
    return store.myFeedback.list(limit ?? 100).map((item) => ({
      id: item.id,
      text: item.text,
      created_at: item.created_at,
      sync_state: item.sync_state,
      issue: item.issue,
      unseen: item.unseen,
    }));
  },
  'feedback.markSeen': ({ issueIds }, { store }) => {
    store.myFeedback.markSeen(issueIds);
    return { ok: true as const };
  },
};
