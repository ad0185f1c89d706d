import { type RefObject, useEffect } from 'react';
import type { CaptureFocus, CapturePrefill } from '../../../shared/desktop/desktop-api.js';
import { type CaptureStore, LIMITS } from '../capture/capture-store.js';
import { request, setContext, takeRequests, useDesktop } from './desktop-store.js';

/**
 * A pre-fill starts the verbatim and sets the channel; it never saves. Text the agent already typed
 * stays, with the softphone's text after it: nothing typed is lost to a call that ended meanwhile.
 */
function applyPrefill(store: CaptureStore, prefill: CapturePrefill): void {
  const { draft, edit, setChannel } = store.getState();
  const incoming = prefill.text?.trim();
  if (incoming && !draft.text.includes(incoming)) {
    const text = draft.text.trim() ? `${draft.text.trimEnd()}\n${incoming}` : incoming;
    edit({ text: text.slice(0, LIMITS.text) });
  }
  if (prefill.channel) setChannel(prefill.channel);
  const context = {
    contact: prefill.contact?.trim() || null,
    queue: prefill.queue?.trim() || null,
  };
  setContext(context.contact || context.queue ? context : null);
}

/**
 * The hotkey: focus the verbatim and, when asked, insert the clipboard at the cursor (replacing a
 * selection), within the length the store accepts. `setRangeText` leaves the caret after the
 * insertion; React then finds the DOM already holding the new value and keeps it there.
 */
function applyFocus(store: CaptureStore, field: HTMLTextAreaElement, focus: CaptureFocus): void {
  field.focus();
  if (!focus.paste) return;
  const selected = field.selectionEnd - field.selectionStart;
  const room = Math.max(0, LIMITS.text - (field.value.length - selected));
  field.setRangeText(focus.paste.slice(0, room), field.selectionStart, field.selectionEnd, 'end');
  store.getState().edit({ text: field.value });
}

/**
 * The capture panel's part of the desktop (a no-op in a browser): takes the pre-fill that opened the
 * app, then applies pre-fills and hotkey presses as they come, in order.
 */
export function useDesktopCapture(
  store: CaptureStore,
  verbatim: RefObject<HTMLTextAreaElement | null>,
): void {
  const client = useDesktop((state) => state.client);
  const requests = useDesktop((state) => state.requests);
  useEffect(() => {
    // Queued rather than applied here: the answer may come after this mount has gone (StrictMode).
    client?.invoke('capture.takePrefill', {}).then(
      (prefill) => prefill && request({ kind: 'prefill', prefill }),
      () => undefined,
    );
  }, [client]);
  useEffect(() => {
    if (requests.length === 0) return;
    for (const next of takeRequests()) {
      if (next.kind === 'prefill') {
        applyPrefill(store, next.prefill);
        verbatim.current?.focus();
      } else if (verbatim.current) applyFocus(store, verbatim.current, next.focus);
    }
  }, [requests, store, verbatim]);
}
