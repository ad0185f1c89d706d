import type { DesktopSyncState } from '../../shared/desktop/desktop-api.js';
import type { BindResult } from '../hotkey/hotkey-binding.js';
import type { SettingsStore } from '../settings/settings-store.js';
import type { PrefillInbox } from '../softphone/prefill-inbox.js';
import type { LocalStore } from '../store/local-store.js';
import type { TaxonomyCache } from '../store/taxonomy-cache.js';

/** What the shell (Electron, or a test) does when settings change; nothing else of it reaches handlers. */
export interface DesktopShell {
  /** Registers the global hotkey; on failure the previous one stays. */
  bindHotkey(accelerator: string): BindResult;
  setOpenAtLogin(open: boolean): void;
}

/** Everything an IPC handler may use, passed in: no module-level state. */
export interface DesktopContext {
  store: LocalStore;
  settings: SettingsStore;
  taxonomy: TaxonomyCache;
  clock: () => number;
  sync: {
    syncNow(): Promise<DesktopSyncState>;
    state(): DesktopSyncState;
    captured(): void;
    reconfigured(): void;
  };
  prefills: PrefillInbox;
  softphone: {
    /** Where the call-end endpoint listens, or null when it could not start. */
    url(): string | null;
    /** Why it could not start (its port taken), in words for the agent; else null. */
    error(): string | null;
    /** Listens on the port in the settings (after a change). */
    restart(): Promise<void>;
  };
  shell: DesktopShell;
}
