import { useState } from 'react';
import type { DesktopSyncState } from '../../../shared/desktop/desktop-api.js';
import type { I18n } from '../../i18n/i18n.js';
import { useI18n } from '../../i18n/i18n.js';
import '../../styles/desktop.css';
import { useDesktop } from './desktop-store.js';

const timeFormats = new Map<string, Intl.DateTimeFormat>();

/** "2:05 PM" (en) or "14:05" (zh-CN) today, the date and time otherwise: "offline since 13:52" must not hide that it was yesterday. */
function when(iso: string, i18n: I18n, now = new Date()): string {
  const at = new Date(iso);
  if (at.toDateString() !== now.toDateString()) return i18n.dateTime(iso);
  const format =
    timeFormats.get(i18n.locale) ?? new Intl.DateTimeFormat(i18n.locale, { timeStyle: 'short' });
  timeFormats.set(i18n.locale, format);
  return format.format(at);
}

/** The state in one line, in the order the agent needs it: what is happening, else what is wrong, else what waits. */
export function syncLine(
  state: DesktopSyncState,
  i18n: I18n,
): { text: string; tone: 'good' | 'warn' | 'bad' } {
  const { t } = i18n;
  if (state.syncing) return { text: t('desktop.sync.syncing'), tone: 'good' };
  if (state.offline_since !== null) {
    const time = when(state.offline_since, i18n);
    return {
      text:
        state.pending > 0
          ? t('desktop.sync.offlinePending', { time, count: state.pending })
          : t('desktop.sync.offline', { time }),
      tone: 'warn',
    };
  }
  if (state.error !== null)
    return {
      text: state.configured ? t('desktop.sync.stopped', { error: state.error }) : state.error,
      tone: 'bad',
    };
  if (state.pending > 0)
    return { text: t('desktop.sync.pending', { count: state.pending }), tone: 'warn' };
  if (!state.configured) return { text: t('desktop.sync.local'), tone: 'warn' };
  if (state.last_synced_at === null) return { text: t('desktop.sync.never'), tone: 'warn' };
  return {
    text: t('desktop.sync.synced', { time: when(state.last_synced_at, i18n) }),
    tone: 'good',
  };
}

/** The header's sync line and its "Sync now" button (desktop only). */
export function SyncStatus() {
  const i18n = useI18n();
  const { t } = i18n;
  const client = useDesktop((state) => state.client);
  const sync = useDesktop((state) => state.sync);
  const [asking, setAsking] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const line = sync ? syncLine(sync, i18n) : null;
  const syncNow = async () => {
    if (!client || asking) return;
    setAsking(true);
    try {
      useDesktop.setState({ sync: await client.invoke('sync.now', {}) });
      setFailure(null);
    } catch (error) {
      setFailure(error instanceof Error ? error.message : String(error));
    } finally {
      setAsking(false);
    }
  };
  return (
    <div className="sync-bar">
      <p role="status" className={`sync-line ${line?.tone ?? ''}`}>
        {failure ? t('error.generic', { message: failure }) : line?.text}
      </p>
      {/* Not disabled while it runs: a disabled button would drop the keyboard focus to the page. */}
      <button
        type="button"
        onClick={() => void syncNow()}
        aria-busy={asking || sync?.syncing === true}
      >
        {t('desktop.sync.now')}
      </button>
    </div>
  );
}
