import { useCallback, useEffect, useRef, useState } from 'react';
import type { Suggestion, WocasClient } from '../../../shared/api/contract.js';
import {
  type Delivery,
  type Message,
  failureMessage,
  queuedMessage,
  savedMessage,
} from './capture-messages.js';
import type { Channel } from '../../../shared/domain/item-fields.js';
import { redact } from '../../../shared/text/redact.js';
import { type CaptureStore, type Draft, captureInput, isEmpty } from './capture-store.js';
import type { OfflineQueue } from './offline-queue.js';
import { useBrowserQueue } from './use-browser-queue.js';
import { useWithdrawUndo } from './use-withdraw-undo.js';

/** A message with a sequence number, so saying the same words twice is still a new announcement. */
export interface Notice {
  seq: number;
  message: Message;
  /** A desktop save not yet on the aggregator: the view words it by the sync state as that changes. */
  unsent?: { at: number; render: (delivery: Delivery) => Message };
  /** It says the save is kept in this browser because the server cannot be reached. */
  queued?: true;
}

export interface CaptureActions {
  saving: boolean;
  status: Notice | null;
  /** A failed save, or the server unreachable (until any call is answered again). */
  error: Message | null;
  /** Saves kept in this browser until the server answers. */
  queued: number;
  /** A save that can still be taken back (browser: it is held a few seconds before it is sent). */
  canUndoSave: boolean;
  undoSave: () => void;
  save: (issue?: Suggestion) => Promise<void>;
  discard: () => void;
  undoDiscard: () => void;
}

/** Personal details the save will lose, counted as the server counts them (the same redaction). */
function countRedactions(input: {
  text: string;
  root_cause?: string;
  suggested_fix?: string;
  segment?: string;
}): number {
  const fields = [input.text, input.root_cause, input.suggested_fix, input.segment];
  return fields.reduce(
    (sum, value) =>
      sum + (value ? Object.values(redact(value).found).reduce((a, b) => a + b, 0) : 0),
    0,
  );
}

const unreachable: Message = ({ t }) => t('error.unreachable');

/** The browser's last save as the status line words it, for as long as that line is on screen. */
interface SavedNotice {
  seq: number;
  id: string;
  redactions: number;
}

/**
 * Saving and clearing the capture form. The draft is dropped only once the server (or the
 * desktop's local store) has the item; a failure leaves every field as typed. Focus goes back to
 * the verbatim after every outcome, so the agent can keep typing without reaching for the mouse.
 */
export function useCapture(
  client: WocasClient,
  store: CaptureStore,
  queue: OfflineQueue,
  focusVerbatim: () => void,
  options: {
    onSaved?: () => void;
    /** Whether the aggregator answers the browser (always true on the desktop). */
    reachable: boolean;
    /** How long a browser save is held for Undo before it is sent; 0 (the desktop) sends at once. */
    holdMs: number;
    /** The desktop's Undo window after a save: Undo then withdraws the item it saved. */
    withdrawMs: number;
  },
): CaptureActions {
  const { onSaved, reachable, holdMs, withdrawMs } = options;
  const [saving, setSaving] = useState(false);
  const restored = !isEmpty(store.getState().draft);
  const [status, setStatus] = useState<Notice | null>(() =>
    restored ? { seq: 1, message: ({ t }) => t('capture.draftRestored') } : null,
  );
  const [failure, setFailure] = useState<Message | null>(null);
  const inFlight = useRef(false);
  /** The status on screen (seq 0: none; whether it says a save waits here), and the last seq given. */
  const shown = useRef({ seq: restored ? 1 : 0, queued: false, last: restored ? 1 : 0 });
  const announce = useCallback((message: Message, extra: Omit<Notice, 'seq' | 'message'> = {}) => {
    const seq = ++shown.current.last;
    shown.current = { seq, queued: extra.queued === true, last: seq };
    setStatus({ seq, message, ...extra });
    return seq;
  }, []);
  const savedNotice = useRef<SavedNotice | null>(null);
  /** The save the Undo button takes back, with the words as typed (the queue holds them redacted). */
  const held = useRef<{
    id: string;
    draft: Draft;
    channel: Channel;
    timer: ReturnType<typeof setTimeout>;
  } | null>(null);
  const [canUndoSave, setCanUndoSave] = useState(false);
  const showFailure = useCallback((error: unknown) => setFailure(() => failureMessage(error)), []);
  const recentSave = useWithdrawUndo(client, withdrawMs, showFailure);

  /**
   * A round of sending found no server. If the status line still says the last save was saved
   * and that save is still in this browser, it now says where the save really is.
   */
  const stillHere = useCallback(() => {
    const saved = savedNotice.current;
    // Not when the line moved on to something else, or already says it (no repeat for a reader).
    if (!saved || shown.current.seq !== saved.seq || shown.current.queued) return;
    if (!queue.list().some((entry) => entry.id === saved.id)) return;
    savedNotice.current = {
      ...saved,
      seq: announce(queuedMessage(saved.redactions), { queued: true }),
    };
  }, [queue, announce]);
  /** What waited went: a line saying the server cannot be reached is no longer true. */
  const allSent = useCallback(() => {
    if (shown.current.queued && queue.list().length === 0) {
      announce(({ t }) => t('capture.queueSent'));
    }
  }, [queue, announce]);
  const { queued, flush } = useBrowserQueue(client, queue, reachable, {
    refused: showFailure,
    unreachable: stillHere,
    sent: allSent,
  });

  /** Ends the Undo window: the held save joins the queue's sending order. */
  const releaseHeld = useCallback(() => {
    const current = held.current;
    if (!current) return;
    clearTimeout(current.timer);
    held.current = null;
    setCanUndoSave(false);
    queue.release(current.id);
    void flush();
  }, [queue, flush]);

  /**
   * The browser's save: kept (redacted) in the queue, the form freed at once, and sent once the
   * Undo window closes. A new save closes the previous window first, so saves keep their order.
   * With the server unreachable it says so at once ("Saved in this browser"); if the server is
   * found gone only when the window closes, the line changes to that then (`stillHere`).
   */
  const hold = useCallback(
    (draft: Draft, channel: Channel, issue?: Suggestion) => {
      releaseHeld();
      const input = captureInput(draft, channel, issue?.id);
      const entry = queue.add(input, new Date(), Date.now() + holdMs);
      const timer = setTimeout(releaseHeld, holdMs);
      held.current = { id: entry.id, draft, channel, timer };
      setCanUndoSave(true);
      store.getState().settle(draft);
      onSaved?.();
      setFailure(null);
      const redactions = countRedactions(input);
      const seq = reachable
        ? announce(
            savedMessage(
              { id: entry.id, synced: true, issue_id: issue?.id ?? null, redactions },
              issue?.title,
            ),
          )
        : announce(queuedMessage(redactions), { queued: true });
      savedNotice.current = { seq, id: entry.id, redactions };
      focusVerbatim();
    },
    [releaseHeld, queue, holdMs, store, onSaved, announce, reachable, focusVerbatim],
  );

  const save = useCallback(
    async (issue?: Suggestion) => {
      if (inFlight.current) return;
      const { draft, channel } = store.getState();
      if (!draft.text.trim()) {
        announce(({ t }) => t('capture.empty'));
        return focusVerbatim();
      }
      if (holdMs > 0) return hold(draft, channel, issue);
      inFlight.current = true;
      setSaving(true);
      // Before the call: a sync that finishes while it is answered already carries this item.
      const startedAt = Date.now();
      try {
        const result = await client.invoke(
          'items.capture',
          captureInput(draft, channel, issue?.id),
        );
        store.getState().settle(draft);
        onSaved?.();
        setFailure(null);
        recentSave.remember({ id: result.id, draft, channel });
        const render = (delivery: Delivery) => savedMessage(result, issue?.title, delivery);
        announce(
          savedMessage(result, issue?.title),
          result.synced ? {} : { unsent: { at: startedAt, render } },
        );
      } catch (error) {
        // The desktop's local store refused it: the words stay in the form.
        showFailure(error);
      } finally {
        inFlight.current = false;
        setSaving(false);
        focusVerbatim();
      }
    },
    [client, store, announce, focusVerbatim, onSaved, holdMs, hold, recentSave, showFailure],
  );

  const discard = useCallback(() => {
    if (isEmpty(store.getState().draft)) return;
    store.getState().discard();
    announce(({ t }) => t('capture.cleared'));
  }, [store, announce]);

  const undoDiscard = useCallback(() => {
    store.getState().undoDiscard();
    shown.current = { ...shown.current, seq: 0, queued: false };
    setStatus(null);
    focusVerbatim();
  }, [store, focusVerbatim]);

  /** The desktop's Undo: the saved item is withdrawn, and the words go back in the form as typed. */
  const withdrawRecent = useCallback(async () => {
    const undone = await recentSave.undo();
    if (undone) {
      store.setState({ draft: undone.draft, channel: undone.channel, discarded: null });
      setFailure(null);
      announce(({ t }) => t('capture.undoneWithdrawn'));
    }
    focusVerbatim();
  }, [recentSave, store, announce, focusVerbatim]);

  const undoSave = useCallback(() => {
    if (recentSave.pending()) return void withdrawRecent();
    const current = held.current;
    if (!current) return;
    clearTimeout(current.timer);
    held.current = null;
    setCanUndoSave(false);
    if (queue.remove(current.id)) {
      store.setState({ draft: current.draft, channel: current.channel, discarded: null });
      announce(({ t }) => t('capture.undone'));
    }
    focusVerbatim();
  }, [queue, store, announce, focusVerbatim, withdrawRecent]);

  useEffect(() => () => releaseHeld(), [releaseHeld]);

  return {
    saving,
    status,
    // The status line already says the server cannot be reached when it says a save waits here.
    error: failure ?? (reachable || status?.queued ? null : unreachable),
    queued,
    canUndoSave: canUndoSave || recentSave.armed,
    undoSave,
    save,
    discard,
    undoDiscard,
  };
}
