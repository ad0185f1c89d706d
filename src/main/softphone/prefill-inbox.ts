import type { CapturePrefill } from '../../shared/desktop/desktop-api.js';

/**
 * Hands each pre-fill to the renderer exactly once. A link that launches the app arrives before the
 * UI has loaded: it waits here until the UI asks (`capture.takePrefill` on mount); once the UI has
 * asked, later pre-fills go out as `capture.prefill` events. A reload makes the UI ask again.
 */
export class PrefillInbox {
  private pending: CapturePrefill | null = null;
  private listening = false;

  constructor(private readonly deliver: (prefill: CapturePrefill) => void) {}

  put(prefill: CapturePrefill): void {
    if (this.listening) this.deliver(prefill);
    else this.pending = prefill;
  }

  /** The UI is ready: it takes what waited, and hears the rest as events. */
  take(): CapturePrefill | null {
    this.listening = true;
    const prefill = this.pending;
    this.pending = null;
    return prefill;
  }

  /** The UI is (re)loading: hold pre-fills until it asks again. */
  uiGone(): void {
    this.listening = false;
  }
}
