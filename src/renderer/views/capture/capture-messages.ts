import type { CaptureResult } from '../../../shared/api/contract.js';
import { ClientError } from '../../client/http-client.js';
import type { I18n } from '../../i18n/i18n.js';

/** A message kept as a function of the language, so a switch of language re-renders it translated. */
export type Message = (i18n: I18n) => string;

/** What a failed call means to the agent; "unreachable" promises that nothing typed is lost. */
export function failureMessage(error: unknown): Message {
  if (error instanceof ClientError && error.unreachable) return ({ t }) => t('error.unreachable');
  const message = error instanceof Error ? error.message : String(error);
  return ({ t }) => t('error.generic', { message });
}

/** Where a desktop save is now: sent, on its way (the aggregator answers), or kept until the network is back. */
export type Delivery = 'sent' | 'sending' | 'local';

/**
 * Where a save made at `savedAt` is, from the desktop's sync state: sent once a sync finished
 * after it with nothing pending, on its way while the aggregator answers, else kept locally.
 */
export function deliveryOf(
  savedAt: number,
  sync: { pending: number; online: boolean; last_synced_at: string | null } | null,
): Delivery {
  if (!sync) return 'local';
  const lastSync = sync.last_synced_at === null ? Number.NaN : Date.parse(sync.last_synced_at);
  if (sync.pending === 0 && lastSync >= savedAt) return 'sent';
  return sync.online ? 'sending' : 'local';
}

const DELIVERY_KEYS = {
  sent: 'capture.savedAndSent',
  sending: 'capture.savedSending',
  local: 'capture.savedLocally',
} as const;

/** "Saved — 1 personal detail removed", "Added to: <title>", or, on the desktop, where the save is now. */
export function savedMessage(
  result: CaptureResult,
  issueTitle?: string,
  delivery?: Delivery,
): Message {
  return ({ t }) => {
    const where = result.synced ? null : t(DELIVERY_KEYS[delivery ?? 'local']);
    const confirmation =
      issueTitle !== undefined
        ? where === null || delivery === 'sent'
          ? t('capture.addedTo', { title: issueTitle })
          : `${t('capture.addedTo', { title: issueTitle })} · ${where}`
        : (where ?? t('capture.saved'));
    if (result.redactions === 0) return confirmation;
    const redactions = t('capture.redacted', { count: result.redactions });
    return t('capture.withRedactions', { confirmation, redactions });
  };
}

/**
 * A browser save while the server cannot be reached: it waits, redacted, in this browser's queue
 * and goes when the server answers, which is what the agent is told ("Saved in this browser: …").
 */
export function queuedMessage(redactions: number): Message {
  return ({ t }) =>
    redactions === 0
      ? t('capture.queued')
      : t('capture.queuedRedacted', {
          redactions: t('capture.redacted', { count: redactions }),
        });
}

/** A confirmation with the personal details removed: "Correction saved — 1 personal detail removed". */
export function savedCount(key: 'mine.edited' | 'mine.editedLocally', redactions: number): Message {
  return ({ t }) => {
    const confirmation = t(key);
    if (redactions === 0) return confirmation;
    const removed = t('capture.redacted', { count: redactions });
    return t('capture.withRedactions', { confirmation, redactions: removed });
  };
}
