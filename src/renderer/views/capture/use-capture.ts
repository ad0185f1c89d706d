import { useCallback, useRef, useState } from 'react';
import type { Suggestion, WocasClient } from '../../../shared/api/contract.js';
import { type Message, failureMessage, isUnreachable, savedMessage } from './capture-messages.js';
import { type CaptureStore, captureInput, isEmpty } from './capture-store.js';

/** A message with a sequence number, so saying the same words twice is still a new announcement. */
export interface Notice {
  seq: number;
  message: Message;
}

export interface CaptureActions {
  saving: boolean;
  status: Notice | null;
  /** A failed save, or the server found unreachable while suggesting. */
  error: Message | null;
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
export function useCapture(client: WocasClient, store: CaptureStore, focusVerbatim: () => void, onSaved?: () => void): CaptureActions {
  const [saving, setSaving] = useState(false);
  const [status, setStatus] = useState<Notice | null>(() =>
    isEmpty(store.getState().draft) ? null : { seq: 1, message: ({ t }) => t('capture.draftRestored') },
  );
  const [failure, setFailure] = useState<{ message: Message; unreachable: boolean } | null>(null);
  const [offline, setOffline] = useState(false);
  const inFlight = useRef(false);
  const announce = useCallback((message: Message) => setStatus((previous) => ({ seq: (previous?.seq ?? 0) + 1, message })), []);

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
      try {
        const result = await client.invoke('items.capture', captureInput(draft, channel, issue?.id));
        store.getState().settle(draft);
        onSaved?.();
        setFailure(null);
        setOffline(false);
        announce(savedMessage(result, issue?.title));
      } catch (error) {
        setFailure({ message: failureMessage(error), unreachable: isUnreachable(error) });
      } finally {
        inFlight.current = false;
        setSaving(false);
        focusVerbatim();
      }
    },
    [client, store, announce, focusVerbatim, onSaved],
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
    } else if (isUnreachable(error)) setOffline(true);
  }, []);

  return { saving, status, error: failure?.message ?? (offline ? unreachable : null), save, discard, undoDiscard, onSuggestOutcome };
}
