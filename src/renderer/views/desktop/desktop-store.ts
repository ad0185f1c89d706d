import { create } from 'zustand';
import type {
  CaptureFocus,
  CapturePrefill,
  DesktopClient,
  DesktopSettingsView,
  DesktopSyncState,
} from '../../../shared/desktop/desktop-api.js';

/** What the capture panel must apply once it is on screen, in the order it arrived. */
export type CaptureRequest =
  { kind: 'prefill'; prefill: CapturePrefill } | { kind: 'focus'; focus: CaptureFocus };

/** The softphone's details for the contact being captured: shown to the agent, never saved. */
export interface ContactContext {
  contact: string | null;
  queue: string | null;
}

/** Shown instead of the views: the settings form, or the softphone endpoint's details after a save. */
export type DesktopPanel = 'settings' | 'saved' | null;

interface DesktopState {
  client: DesktopClient | null;
  /** Null until read, or when the desktop could not say (then setup is not forced on the agent). */
  settings: DesktopSettingsView | null;
  sync: DesktopSyncState | null;
  /** The agent's items whose issue changed status since they last looked. */
  unseen: number;
  panel: DesktopPanel;
  /**
   * Pre-fills and hotkey presses wait here rather than going straight to the capture panel: one may
   * arrive while the agent is on My feedback or in Settings, when the panel is not mounted.
   */
  requests: CaptureRequest[];
  context: ContactContext | null;
}

export const useDesktop = create<DesktopState>(() => ({
  client: null,
  settings: null,
  sync: null,
  unseen: 0,
  panel: null,
  requests: [],
  context: null,
}));

export function request(next: CaptureRequest): void {
  useDesktop.setState((state) => ({ requests: [...state.requests, next] }));
}

/** Hands the waiting requests to the capture panel, once each. */
export function takeRequests(): CaptureRequest[] {
  const { requests } = useDesktop.getState();
  if (requests.length > 0) useDesktop.setState({ requests: [] });
  return requests;
}

export function setContext(context: ContactContext | null): void {
  useDesktop.setState({ context });
}

export function clearContext(): void {
  if (useDesktop.getState().context !== null) setContext(null);
}

export function showPanel(panel: DesktopPanel): void {
  useDesktop.setState({ panel });
}

/** The saved settings and the screen to show next, in one change (setup never flashes the views). */
export function settingsSaved(settings: DesktopSettingsView, panel: DesktopPanel): void {
  useDesktop.setState({ settings, panel });
}

/** Counts the agent's unseen items from the store: at start, and after My feedback marked some seen. */
export async function refreshUnseen(): Promise<void> {
  const { client } = useDesktop.getState();
  if (!client) return;
  try {
    const mine = await client.invoke('feedback.mine', { limit: 500 });
    useDesktop.setState({
      unseen: Array.isArray(mine) ? mine.filter((item) => item.unseen).length : 0,
    });
  } catch {
    // The badge is a hint; My feedback itself says what went wrong.
  }
}

/**
 * Wires the desktop's events before anything is read, so no state change falls between the first
 * read and the subscription; an event that arrived meanwhile is newer than the read and wins.
 */
export async function bootDesktop(client: DesktopClient): Promise<void> {
  useDesktop.setState({ client });
  let heard = false;
  client.on('sync.state', (sync) => {
    heard = true;
    useDesktop.setState({ sync });
  });
  client.on('feedback.changed', ({ count }) => useDesktop.setState({ unseen: count }));
  client.on('capture.prefill', (prefill) => request({ kind: 'prefill', prefill }));
  client.on('capture.focus', (focus) => request({ kind: 'focus', focus }));
  const [settings, sync] = await Promise.all([
    client.invoke('settings.get', {}).catch(() => null),
    client.invoke('sync.status', {}).catch(() => null),
  ]);
  useDesktop.setState((state) => ({
    settings: settings ?? null,
    sync: heard ? state.sync : (sync ?? null),
  }));
  await refreshUnseen();
}
