import { useCallback, useEffect, useRef, useState } from 'react';
import type { Suggestion, WocasClient } from '../../../shared/api/contract.js';
import { type Delivery, type Message, failureMessage, isUnreachable, savedMessage } from './capture-messages.js';
import { type CaptureStore, captureInput, isEmpty } from './capture-store.js';
import type { OfflineQueue } from './offline-queue.js';
import { ClientError } from '../../client/http-client.js';

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
  save: (issue?: Suggestion) => Promise<void>;
  discard: () => void;
  undoDiscard: () => void;
  onSuggestOutcome: (error: unknown) => void;
}

const unreachable: Message = ({ t }) => t('error.unreachable');

/**
 * Saving and clearing the capture form. The draft is dropped only once the server (or the
 * desktop's local store) has the item; a failure leaves every field as typed. Focus goes back to
 * the verbatim after every outcome, so the agent can keep typing without reaching for the mouse.
 */
export function useCapture(client: WocasClient, store: CaptureStore, queue: OfflineQueue, focusVerbatim: () => void, onSaved?: () => void): CaptureActions {
  const [saving, setSaving] = useState(false);
  const [status, setStatus] = useState<Notice | null>(() =>
    isEmpty(store.getState().draft) ? null : { seq: 1, message: ({ t }) => t('capture.draftRestored') },
  );
  const [failure, setFailure] = useState<{ message: Message; unreachable: boolean } | null>(null);
  const [offline, setOffline] = useState(false);
  const inFlight = useRef(false);
  const announce = useCallback(
    (message: Message, unsent?: Notice['unsent']) => setStatus((previous) => ({ seq: (previous?.seq ?? 0) + 1, message, ...(unsent ? { unsent } : {}) })),
    [],
  );
  const [queued, setQueued] = useState(() => queue.list().length);
  const flushing = useRef(false);

  /**
   * Sends the queued saves oldest first, each with its own id, so one that reached the server
   * before the answer was lost is stored once. Stops at the first "unreachable"; a save the server
   * refuses for its content (400) is dropped with a message, since keeping it would block the rest.
   */
  const flush = useCallback(async () => {
    if (flushing.current) return;
    flushing.current = true;
    try {
      for (const entry of queue.list()) {
        try {
          await client.invoke('items.capture', { ...entry.input, id: entry.id, heard_at: entry.heard_at });
          queue.remove(entry.id);
        } catch (error) {
          if (!(error instanceof ClientError) || error.status !== 400) break;
          queue.remove(entry.id);
          setFailure({ message: failureMessage(error), unreachable: false });
        }
      }
    } finally {
      flushing.current = false;
      setQueued(queue.list().length);
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
      inFlight.current = true;
      setSaving(true);
      // Before the call: a sync that finishes while it is answered already carries this item.
      const startedAt = Date.now();
      try {
        const result = await client.invoke('items.capture', captureInput(draft, channel, issue?.id));
        store.getState().settle(draft);
        onSaved?.();
        setFailure(null);
        setOffline(false);
        const render = (delivery: Delivery) => savedMessage(result, issue?.title, delivery);
        announce(savedMessage(result, issue?.title), result.synced ? undefined : { at: startedAt, render });
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
    [client, store, queue, announce, focusVerbatim, onSaved],
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

  const onSuggestOutcome = useCallback((error: unknown) => {
    if (error === null) {
      // The server answers again: an "unreachable" from an earlier save is no longer true.
      setOffline(false);
      setFailure((previous) => (previous?.unreachable ? null : previous));
      void flush();
    } else if (isUnreachable(error)) setOffline(true);
  }, [flush]);

  useEffect(() => {
    // Saves queued in an earlier visit go as soon as the view opens.
    if (queue.list().length > 0) void flush();
  }, [queue, flush]);

  return { saving, status, error: failure?.message ?? (offline ? unreachable : null), queued, save, discard, undoDiscard, onSuggestOutcome };
}
