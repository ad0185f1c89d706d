import type { DesktopSyncState } from '../../shared/desktop/desktop-api.js';

/**
 * One line for the tray's tooltip and menu: synced, pending N, or offline since a time. The
 * renderer shows the same state its own way (and translated); this is the shell's English line.
 */
export function syncStatusText(
  state: DesktopSyncState,
  formatTime: (iso: string) => string,
): string {
  const pending = state.pending === 1 ? '1 item pending' : `${state.pending} items pending`;
  if (!state.configured) return state.error ?? `Not syncing (no aggregator set) · ${pending}`;
  if (state.syncing) return `Syncing… · ${pending}`;
  if (state.offline_since !== null)
    return `Offline since ${formatTime(state.offline_since)} · ${pending}`;
  if (state.error !== null) return `Sync stopped: ${state.error}`;
  if (state.pending > 0) return `Pending ${state.pending}`;
  return state.last_synced_at === null
    ? 'Not synced yet'
    : `Synced ${formatTime(state.last_synced_at)}`;
}
