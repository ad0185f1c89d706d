import { useCallback, useEffect, useRef, useState } from 'react';
import type { Suggestion, WocasClient } from '../../../shared/api/contract.js';
import {
  type Delivery,
  type Message,
  failureMessage,
  isUnreachable,
  savedMessage,
} from './capture-messages.js';
import type { Channel } from '../../../shared/domain/item-fields.js';
import { redact } from '../../../shared/text/redact.js';
import { type CaptureStore, type Draft, captureInput, isEmpty } from './capture-store.js';
import { type OfflineQueue, waiting } from './offline-queue.js';
import { ClientError } from '../../client/http-client.js';
import { useWithdrawUndo } from './use-withdraw-undo.js';

/** How often a browser with queued saves asks the server again (and on every sign of life before that). */
const RETRY_EVERY_MS = 15_000;

/** A message with a sequence number, so saying the same words twice is still a new announcement. */
export interface Notice {
  seq: number;
  message: Message;
  /** A desktop save not yet on the aggregator: the view words it by the sync state as that changes. */
  unsent?: { at: number; render: (delivery: Delivery) => Message };
}

export interface CaptureActions {
  saving: boolean;
  status: Notice | null;
  /** A failed save, or the server found unreachable while suggesting. */
  error: Message | null;
  /** Saves kept in this browser until the server answers. */
  queued: number;
  /** A save that can still be taken back (browser: it is held a few seconds before it is sent). */
  canUndoSave: boolean;
  undoSave: () => void;
  save: (issue?: Suggestion) => Promise<void>;
  discard: () => void;
  undoDiscard: () => void;
  onSuggestOutcome: (error: unknown) => void;
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
  onSaved?: () => void,
  /** How long a browser save is held for Undo before it is sent; 0 (the desktop) sends at once. */
  holdMs = 0,
  /** The desktop's Undo window after a save: Undo then withdraws the item it saved. */
  withdrawMs = 0,
): CaptureActions {
  const [saving, setSaving] = useState(false);
  const [status, setStatus] = useState<Notice | null>(() =>
    isEmpty(store.getState().draft)
      ? null
      : { seq: 1, message: ({ t }) => t('capture.draftRestored') },
  );
  const [failure, setFailure] = useState<{ message: Message; unreachable: boolean } | null>(null);
  const [offline, setOffline] = useState(false);
  const inFlight = useRef(false);
  const announce = useCallback(
    (message: Message, unsent?: Notice['unsent']) =>
      setStatus((previous) => ({
        seq: (previous?.seq ?? 0) + 1,
        message,
        ...(unsent ? { unsent } : {}),
      })),
    [],
  );
  const [queued, setQueued] = useState(() => queue.list().length);
  const flushing = useRef(false);
  /** The save the Undo button takes back, with the words as typed (the queue holds them redacted). */
  const held = useRef<{
    id: string;
    draft: Draft;
    channel: Channel;
    timer: ReturnType<typeof setTimeout>;
  } | null>(null);
  const [canUndoSave, setCanUndoSave] = useState(false);
  const recentSave = useWithdrawUndo(
    client,
    withdrawMs,
    useCallback((error: unknown) => {
      setFailure({ message: failureMessage(error), unreachable: false });
    }, []),
  );

  /**
   * Sends the queued saves oldest first, each with its own id, so one that reached the server
   * before the answer was lost is stored once. Stops at the first "unreachable"; a save the server
   * refuses for its content (400) is dropped with a message, since keeping it would block the rest.
   */
  const flush = useCallback(async () => {
    if (flushing.current) return;
    flushing.current = true;
    try {
      // One at a time from the stored queue, so an entry released while another is sent goes too.
      for (let entry = waiting(queue.list())[0]; entry; entry = waiting(queue.list())[0]) {
        try {
          await client.invoke('items.capture', {
            ...entry.input,
            id: entry.id,
            heard_at: entry.heard_at,
          });
          queue.remove(entry.id);
        } catch (error) {
          if (!(error instanceof ClientError) || error.status !== 400) break;
          queue.remove(entry.id);
          setFailure({ message: failureMessage(error), unreachable: false });
        }
      }
    } finally {
      flushing.current = false;
      setQueued(waiting(queue.list()).length);
    }
  }, [client, queue]);

  useEffect(() => {
    if (queued === 0) return;
    const retry = () => void flush();
    const timer = setInterval(retry, RETRY_EVERY_MS);
    window.addEventListener('online', retry);
    return () => {
      clearInterval(timer);
      window.removeEventListener('online', retry);
    };
  }, [queued, flush]);

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
        setOffline(false);
        recentSave.remember({ id: result.id, draft, channel });
        const render = (delivery: Delivery) => savedMessage(result, issue?.title, delivery);
        announce(
          savedMessage(result, issue?.title),
          result.synced ? undefined : { at: startedAt, render },
        );
      } catch (error) {
        if (isUnreachable(error)) {
          // Offline in the browser: keep the save (redacted) and free the form for the next call.
          queue.add(captureInput(draft, channel, issue?.id), new Date());
          store.getState().settle(draft);
          setQueued(queue.list().length);
          setFailure(null);
          setOffline(true);
          announce(({ t }) => t('capture.queued'));
        } else setFailure({ message: failureMessage(error), unreachable: false });
      } finally {
        inFlight.current = false;
        setSaving(false);
        focusVerbatim();
      }
    },
    [client, store, queue, announce, focusVerbatim, onSaved, holdMs, recentSave],
  );

  const discard = useCallback(() => {
    if (isEmpty(store.getState().draft)) return;
    store.getState().discard();
    announce(({ t }) => t('capture.cleared'));
  }, [store, announce]);

  const undoDiscard = useCallback(() => {
    store.getState().undoDiscard();
    setStatus(null);
    focusVerbatim();
  }, [store, focusVerbatim]);

  const onSuggestOutcome = useCallback(
    (error: unknown) => {
      if (error === null) {
        // The server answers again: an "unreachable" from an earlier save is no longer true.
        setOffline(false);
        setFailure((previous) => (previous?.unreachable ? null : previous));
        void flush();
      } else if (isUnreachable(error)) setOffline(true);
    },
    [flush],
  );

  useEffect(() => {
    // Saves queued in an earlier visit go as soon as the view opens: their Undo went with that page.
    queue.release();
    if (queue.list().length > 0) void flush();
  }, [queue, flush]);

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
   */
  const hold = (draft: Draft, channel: Channel, issue?: Suggestion) => {
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
    announce(
      savedMessage(
        { id: entry.id, synced: true, issue_id: issue?.id ?? null, redactions },
        issue?.title,
      ),
    );
    focusVerbatim();
  };

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
    error: failure?.message ?? (offline ? unreachable : null),
    queued,
    canUndoSave: canUndoSave || recentSave.armed,
    undoSave,
    save,
    discard,
    undoDiscard,
    onSuggestOutcome,
  };
}
