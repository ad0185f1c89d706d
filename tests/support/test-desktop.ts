import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AllDesktopEvents } from '../../src/shared/desktop/desktop-api.js';
import { type DesktopCore, openDesktopCore } from '../../src/main/desktop-core.js';
import { HotkeyBinding } from '../../src/main/hotkey/hotkey-binding.js';
import type { SecretBox } from '../../src/main/settings/secret-box.js';
import type { StatusChange } from '../../src/main/sync/status-changes.js';
import { DEFAULT_SYNC_OPTIONS, type SyncOptions } from '../../src/main/sync/sync-client.js';
import type { Scheduler } from '../../src/main/sync/sync-loop.js';
import { nodeSecretBox } from './node-secret-box.js';

/** Timers that fire only when the test says: what was scheduled, and when. */
export class ManualScheduler implements Scheduler {
  readonly pending = new Map<number, { run: () => void; ms: number }>();
  private next = 0;

  set(run: () => void, ms: number): number {
    this.pending.set(++this.next, { run, ms });
    return this.next;
  }

  clear(handle: unknown): void {
    this.pending.delete(handle as number);
  }

  /** The delays of the timers waiting now. */
  delays(): number[] {
    return [...this.pending.values()].map((timer) => timer.ms);
  }
}

export type SentEvent = {
  [E in keyof AllDesktopEvents]: { event: E; payload: AllDesktopEvents[E] };
}[keyof AllDesktopEvents];

export interface TestDesktop {
  core: DesktopCore;
  dir: string;
  events: SentEvent[];
  notified: StatusChange[][];
  panelShown: () => number;
  registered: Set<string>;
  scheduler: ManualScheduler;
  logged: unknown[];
  now: { value: Date };
  close(): Promise<void>;
}

/** Retries without waiting: the tests decide when a fault ends, not the clock. */
export const INSTANT_SYNC: SyncOptions = {
  ...DEFAULT_SYNC_OPTIONS,
  sleep: () => Promise.resolve(),
  retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 1 },
};

/**
 * The desktop app as the Electron shell runs it, minus Electron: a real local store and settings
 * file in a temp userData folder, the real dispatcher and sync loop, the call-end endpoint on a
 * free loopback port, and a hotkey registrar where `takenHotkeys` are held by "other programs".
 */
export function openTestDesktop(
  options: { secretBox?: SecretBox; takenHotkeys?: string[]; dir?: string } = {},
): TestDesktop {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'wocas-desktop-'));
  const events: SentEvent[] = [];
  const notified: StatusChange[][] = [];
  const logged: unknown[] = [];
  const registered = new Set<string>();
  const scheduler = new ManualScheduler();
  const now = { value: new Date('2026-11-20T09:00:00Z') };
  let shown = 0;
  const hotkey = new HotkeyBinding(
    {
      register: (accelerator) =>
        !(options.takenHotkeys ?? []).includes(accelerator) && (registered.add(accelerator), true),
      unregister: (accelerator) => void registered.delete(accelerator),
    },
    () => undefined,
    'linux',
  );
  const core = openDesktopCore({
    userDataDir: dir,
    secretBox: options.secretBox ?? nodeSecretBox({ key: Buffer.alloc(32, 7) }),
    shell: {
      bindHotkey: (accelerator) => hotkey.bind(accelerator),
      setOpenAtLogin: () => undefined,
    },
    emit: (event, payload) => events.push({ event, payload } as SentEvent),
    showPanel: () => shown++,
    notify: (changes) => notified.push(changes),
    clock: () => now.value.getTime(),
    scheduler,
    syncOptions: INSTANT_SYNC,
    softphonePort: 0,
    log: (_message, error) => logged.push(error),
  });
  return {
    core,
    dir,
    events,
    notified,
    panelShown: () => shown,
    registered,
    scheduler,
    logged,
    now,
    close: async () => {
      await core.close();
      if (!options.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Calls a method as the renderer does, and unwraps the reply. */
export async function call(
  desktop: TestDesktop,
  method: string,
  args: unknown = {},
): Promise<unknown> {
  const reply = await desktop.core.dispatch(method, args);
  if (!reply.ok) throw Object.assign(new Error(reply.error.message), { code: reply.error.code });
  return reply.result;
}
