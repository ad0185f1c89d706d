import type { ApiEvents, ApiMethods, SyncState } from '../api/contract.js';
import type { Channel } from '../domain/feedback-item.js';

/**
 * What only the desktop app answers, beside the shared contract (src/shared/api/contract.ts): its
 * settings, its sync loop and the softphone's pre-fill. The preload exposes one `invoke` and one
 * `on` for both maps; the browser client never sees these names.
 */
export interface DesktopMethods {
  /** The settings the agent can see (never the token itself), and whether first-run setup is done. */
  'settings.get': { args: Record<string, never>; result: DesktopSettingsView };
  /** Saves some settings; the token is encrypted by the OS keychain before it touches the disk. */
  'settings.save': { args: SettingsInput; result: SettingsSaved };
  /** Sync now instead of at the next tick; answers the state after the run. */
  'sync.now': { args: Record<string, never>; result: DesktopSyncState };
  /** The sync state as it is (the same as the last `sync.state` event). */
  'sync.status': { args: Record<string, never>; result: DesktopSyncState };
  /**
   * The pre-fill that opened the panel, if it has not been taken yet: a link or call-end request
   * may arrive before the renderer has subscribed to `capture.prefill` (a cold start).
   */
  'capture.takePrefill': { args: Record<string, never>; result: CapturePrefill | null };
}

export interface DesktopEvents {
  /** A softphone link or call-end request opened the panel with these details; nothing is saved. */
  'capture.prefill': CapturePrefill;
  /** The global hotkey brought the panel up: focus the verbatim field (and paste, when set). */
  'capture.focus': CaptureFocus;
  /** The sync state, whenever it changes (richer than the shared `SyncState`). */
  'sync.state': DesktopSyncState;
}

export interface CapturePrefill {
  /** The softphone's contact or interaction id: context for the agent, not saved by itself. */
  contact?: string;
  /** The queue or skill the contact came in on. */
  queue?: string;
  channel?: Channel;
  /** Text to start the verbatim with (a softphone's transcript snippet or wrap-up note). */
  text?: string;
  source: 'link' | 'endpoint';
}

export interface CaptureFocus {
  /** The clipboard's text, when the agent chose "paste the clipboard on the hotkey"; else null. */
  paste: string | null;
}

export interface DesktopSyncState extends SyncState {
  /** Whether an aggregator URL and token are set; without them the app works offline only. */
  configured: boolean;
  /** A run is under way. */
  syncing: boolean;
  /** ISO time since which the aggregator could not be reached (this machine's clock, display only). */
  offline_since: string | null;
  /** Why the last run failed, in words for the agent (a refused token, an unreachable server). */
  error: string | null;
}

export interface DesktopSettingsView {
  /** First-run setup is done: the agent has a display name. Capture works offline from then on. */
  configured: boolean;
  aggregatorUrl: string | null;
  /** A token is stored (encrypted); the token itself never leaves the main process. */
  hasToken: boolean;
  team: string | null;
  displayName: string | null;
  hotkey: string;
  /** The hotkey pastes the clipboard into the verbatim field. */
  pasteOnHotkey: boolean;
  openAtLogin: boolean;
  syncIntervalSeconds: number;
  /** For softphone and CTI scripts: where to POST on call end, and the secret to send. */
  softphone: { url: string | null; port: number; secret: string; error: string | null };
  /** Where updates come from (the settings file or WOCAS_UPDATE_URL, never the page); off while null. */
  updateFeedUrl: string | null;
}

/** Every field optional: absent means unchanged; null clears it (`token: null` forgets the token). */
export interface SettingsInput {
  aggregatorUrl?: string | null;
  token?: string | null;
  team?: string | null;
  displayName?: string;
  hotkey?: string;
  pasteOnHotkey?: boolean;
  openAtLogin?: boolean;
  syncIntervalSeconds?: number;
  /** The call-end endpoint's port on 127.0.0.1 (1024–65535). */
  softphonePort?: number;
}

export interface SettingsSaved {
  settings: DesktopSettingsView;
  /** Why the hotkey is not active (taken by another program), in words for the agent; else null. */
  hotkeyError: string | null;
}

export type DesktopMethodName = keyof DesktopMethods;

/** Every method the desktop's main process answers. */
export type AllDesktopMethods = ApiMethods & DesktopMethods;
export type AllDesktopEvents = Omit<ApiEvents, 'sync.state'> & DesktopEvents;

export const DESKTOP_METHOD_NAMES = [
  'settings.get',
  'settings.save',
  'sync.now',
  'sync.status',
  'capture.takePrefill',
] as const satisfies readonly DesktopMethodName[];

export const DESKTOP_EVENT_NAMES = [
  'sync.state',
  'feedback.changed',
  'capture.prefill',
  'capture.focus',
] as const satisfies readonly (keyof AllDesktopEvents)[];

/** `window.wocas` in the desktop app: the shared `WocasClient`, plus the desktop-only names. */
export interface DesktopClient {
  invoke<M extends keyof AllDesktopMethods>(
    method: M,
    args: AllDesktopMethods[M]['args'],
  ): Promise<AllDesktopMethods[M]['result']>;
  on<E extends keyof AllDesktopEvents>(
    event: E,
    listener: (payload: AllDesktopEvents[E]) => void,
  ): () => void;
}

/** The two IPC channels between the preload and the main process; nothing else is listened to. */
export const IPC_INVOKE_CHANNEL = 'wocas:invoke';
export const IPC_EVENT_CHANNEL = 'wocas:event';

/** What the main process answers on the invoke channel; the preload turns a failure into an Error. */
export type IpcReply =
  { ok: true; result: unknown } | { ok: false; error: { code: DesktopErrorCode; message: string } };

export type DesktopErrorCode =
  'invalid_arguments' | 'unknown_method' | 'not_available' | 'refused' | 'internal';

/** An event as the main process sends it on the event channel. */
export interface IpcEventMessage {
  event: string;
  payload: unknown;
}
