import { type KeyboardEvent, useCallback, useEffect, useId, useRef, useState } from 'react';
import { useStore } from 'zustand';
import type { WocasClient } from '../../../shared/api/contract.js';
import { useClient, useSession } from '../../app/session-store.js';
import { useI18n } from '../../i18n/i18n.js';
import '../../styles/capture.css';
import { clearContext, useDesktop } from '../desktop/desktop-store.js';
import { deliveryOf } from './capture-messages.js';
import { PrefillContext } from '../desktop/prefill-context.js';
import { useDesktopCapture } from '../desktop/use-desktop-capture.js';
import { CaptureForm } from './capture-form.js';
import { type CaptureStore, createCaptureStore } from './capture-store.js';
import { type OfflineQueue, createOfflineQueue } from './offline-queue.js';
import { Suggestions } from './suggestions.js';
import { useCapture } from './use-capture.js';
import { useSuggestions } from './use-suggestions.js';

/** How long a save can be taken back: in the browser before it is sent, on the desktop by withdrawing it. */
const UNDO_SECONDS = 5;

/** Alt+1 … Alt+5 by physical key: on a Mac, Option+1 types "¡", so `key` cannot be trusted. */
const HEARD_AGAIN_KEY = /^(?:Digit|Numpad)([1-5])$/;

function useSegments(client: WocasClient): string[] {
  const [segments, setSegments] = useState<string[]>([]);
  useEffect(() => {
    let current = true;
    // Without the list the field is still free text, so a failure here needs no message.
    client.invoke('meta.taxonomy', {}).then(
      (taxonomy) => current && setSegments(taxonomy.segments),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [client]);
  return segments;
}

/**
 * One store per mount, for the signed-in agent (signing out unmounts the view). It reloads the
 * draft from storage, so going to My feedback and back loses nothing.
 */
function useCaptureStore(): { store: CaptureStore; queue: OfflineQueue } {
  const agent = useSession((state) => state.session?.name ?? '');
  const [stores] = useState(() => ({
    store: createCaptureStore(localStorage, agent),
    queue: createOfflineQueue(localStorage, agent),
  }));
  return stores;
}

/** The agent's capture panel: narrow enough to sit beside a softphone, usable without a mouse. */
export function CaptureView() {
  const i18n = useI18n();
  const { t } = i18n;
  const client = useClient();
  const { store, queue } = useCaptureStore();
  const inBrowser = useSession((state) => state.session?.mode === 'browser');
  const reachable = useSession((state) => state.reachable);
  const segments = useSegments(client);
  const verbatimRef = useRef<HTMLTextAreaElement>(null);
  const focusVerbatim = useCallback(() => verbatimRef.current?.focus(), []);
  // The softphone's contact belongs to the item just saved, not to the next one.
  const actions = useCapture(client, store, queue, focusVerbatim, {
    onSaved: clearContext,
    reachable,
    holdMs: inBrowser ? UNDO_SECONDS * 1000 : 0,
    withdrawMs: inBrowser ? 0 : UNDO_SECONDS * 1000,
  });
  useDesktopCapture(store, verbatimRef);
  const text = useStore(store, (state) => state.draft.text);
  const canUndo = useStore(store, (state) => state.discarded !== null);
  const suggestions = useSuggestions(client, text);
  const titleId = useId();
  const sync = useDesktop((state) => state.sync);
  const notice = actions.status;
  const statusText = notice?.unsent
    ? notice.unsent.render(deliveryOf(notice.unsent.at, sync))(i18n)
    : notice?.message(i18n);

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.nativeEvent.isComposing) return;
    if (event.key === 'Escape') {
      event.preventDefault();
      actions.discard();
      focusVerbatim();
      return;
    }
    const digit = HEARD_AGAIN_KEY.exec(event.code)?.[1];
    const suggestion =
      digit && event.altKey && !event.ctrlKey && !event.metaKey
        ? suggestions[Number(digit) - 1]
        : undefined;
    if (suggestion) {
      event.preventDefault();
      void actions.save(suggestion);
    }
  };

  return (
    <section className="capture" aria-labelledby={titleId} onKeyDown={onKeyDown}>
      <h1 id={titleId} className="visually-hidden">
        {t('capture.title')}
      </h1>
      <PrefillContext />
      <CaptureForm
        store={store}
        segments={segments}
        saving={actions.saving}
        verbatimRef={verbatimRef}
        onSave={() => void actions.save()}
        onClear={() => {
          actions.discard();
          focusVerbatim();
        }}
      >
        <div className="capture-status">
          <p role="status">{notice && <span key={notice.seq}>{statusText}</span>}</p>
          {canUndo && (
            <button type="button" className="link" onClick={actions.undoDiscard}>
              {t('capture.undoClear')}
            </button>
          )}
          {actions.canUndoSave && (
            <button type="button" className="link" onClick={actions.undoSave}>
              {t('capture.undoSave')}
            </button>
          )}
        </div>
        <p role="alert" className="error">
          {actions.queued > 0
            ? t('capture.queuedCount', { count: actions.queued })
            : actions.error?.(i18n)}
        </p>
      </CaptureForm>
      <Suggestions
        suggestions={suggestions}
        onHeardAgain={(suggestion) => void actions.save(suggestion)}
      />
    </section>
  );
}
