import { join } from 'node:path';
import type { AllDesktopEvents } from '../shared/desktop/desktop-api.js';
import { type DesktopShell } from './ipc/desktop-context.js';
import { desktopHandlers } from './ipc/desktop-handlers.js';
import { type Dispatch, createDispatch } from './ipc/dispatch.js';
import type { SecretBox } from './settings/secret-box.js';
import { SettingsStore } from './settings/settings-store.js';
import { parseCaptureLink } from './softphone/capture-link.js';
import {
  EndpointPortBusyError,
  type SoftphoneEndpoint,
  startSoftphoneEndpoint,
} from './softphone/loopback-endpoint.js';
import { PrefillInbox } from './softphone/prefill-inbox.js';
import type { PrefillResult } from './softphone/prefill.js';
import { type LocalStore, openLocalStore } from './store/local-store.js';
import { TaxonomyCache } from './store/taxonomy-cache.js';
import type { StatusChange } from './sync/status-changes.js';
import type { SyncOptions } from './sync/sync-client.js';
import { type Credentials, type Scheduler, SyncLoop } from './sync/sync-loop.js';

export type Emit = <E extends keyof AllDesktopEvents>(
  event: E,
  payload: AllDesktopEvents[E],
) => void;

export interface DesktopCoreOptions {
  /** Electron's userData: the settings file and the local store live here. */
  userDataDir: string;
  secretBox: SecretBox;
  shell: DesktopShell;
  /** Sends an event to the renderer. */
  emit: Emit;
  /** Brings the capture panel up (a softphone asked for it). */
  showPanel: () => void;
  /** Tells the agent an issue they reported changed status (a desktop notification). */
  notify: (changes: StatusChange[]) => void;
  /** Epoch ms, like the aggregator's clock; Date.now when absent. */
  clock?: () => number;
  scheduler?: Scheduler;
  syncOptions?: SyncOptions;
  /** Overrides the settings' endpoint port (0: any free port, for tests). */
  softphonePort?: number;
  log?: (message: string, error: unknown) => void;
}

/** The desktop app without Electron: what the shell wires to windows, tray and IPC. */
export interface DesktopCore {
  dispatch: Dispatch;
  settings: SettingsStore;
  store: LocalStore;
  sync: SyncLoop;
  prefills: PrefillInbox;
  /** Opens the panel pre-filled from a `wocas://capture?…` link; says why when the link is refused. */
  openLink(link: string): PrefillResult;
  /** Why the call-end endpoint is not listening (its port taken); null while it listens. */
  softphoneError(): string | null;
  /** Starts background sync and the call-end endpoint. */
  start(): Promise<void>;
  /** Stops both, lets a sync run finish, closes the store. */
  close(): Promise<void>;
}

export const SETTINGS_FILE = 'settings.json';
export const STORE_FILE = 'wocas-local.db';

function credentialsOf(settings: SettingsStore): Credentials {
  const { aggregatorUrl } = settings.current();
  if (aggregatorUrl === null) return { ok: false, reason: null };
  if (!settings.hasToken())
    return {
      ok: false,
      reason:
        'Enter your access token in Settings to sync; until then items wait on this computer.',
    };
  const token = settings.token();
  if (token === null) {
    return {
      ok: false,
      reason:
        'The stored token can no longer be decrypted on this computer (its keychain changed): enter it again in Settings.',
    };
  }
  return { ok: true, baseUrl: aggregatorUrl, token };
}

export function openDesktopCore(options: DesktopCoreOptions): DesktopCore {
  const clock = options.clock ?? Date.now;
  const settings = new SettingsStore(join(options.userDataDir, SETTINGS_FILE), options.secretBox);
  const store = openLocalStore(join(options.userDataDir, STORE_FILE));
  const taxonomy = new TaxonomyCache(store.db);
  const prefills = new PrefillInbox((prefill) => options.emit('capture.prefill', prefill));
  const sync = new SyncLoop({
    store,
    taxonomy,
    credentials: () => credentialsOf(settings),
    displayName: () => settings.current().displayName,
    intervalMs: () => settings.current().syncIntervalSeconds * 1_000,
    clock,
    ...(options.scheduler ? { scheduler: options.scheduler } : {}),
    ...(options.syncOptions ? { syncOptions: options.syncOptions } : {}),
    onState: (state) => options.emit('sync.state', state),
    onStatusChanges: options.notify,
    onUnseen: (count) => options.emit('feedback.changed', { count }),
  });
  let endpoint: SoftphoneEndpoint | null = null;
  let endpointError: string | null = null;
  const receive = (prefill: Parameters<PrefillInbox['put']>[0]) => {
    options.showPanel();
    prefills.put(prefill);
  };

  async function startEndpoint(): Promise<void> {
    await endpoint?.close();
    endpoint = null;
    try {
      const { softphoneSecret, softphonePort } = settings.current();
      endpoint = await startSoftphoneEndpoint({
        port: options.softphonePort ?? softphonePort,
        secret: softphoneSecret,
        onPrefill: receive,
      });
      endpointError = null;
    } catch (error) {
      if (!(error instanceof EndpointPortBusyError)) throw error;
      endpointError = error.message;
    }
  }

  const context = {
    store,
    settings,
    taxonomy,
    clock,
    sync,
    prefills,
    softphone: {
      url: () => endpoint?.url ?? null,
      error: () => endpointError,
      restart: startEndpoint,
    },
    shell: options.shell,
  };
  return {
    dispatch: createDispatch(desktopHandlers(), context, options.log),
    settings,
    store,
    sync,
    prefills,
    openLink: (link) => {
      const parsed = parseCaptureLink(link);
      if (parsed.ok) receive(parsed.prefill);
      else options.showPanel();
      return parsed;
    },
    softphoneError: () => endpointError,
    start: async () => {
      await startEndpoint();
      sync.start();
    },
    close: async () => {
      await sync.stop();
      await endpoint?.close();
      store.close();
    },
  };
}
