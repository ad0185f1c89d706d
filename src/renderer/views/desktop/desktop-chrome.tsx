import { useEffect } from 'react';
import type { Session } from '../../../shared/api/contract.js';
import { type View, useSession } from '../../app/session-store.js';
import { useI18n } from '../../i18n/i18n.js';
import '../../styles/desktop.css';
import { refreshUnseen, showPanel, useDesktop } from './desktop-store.js';
import { SettingsFormView } from './settings-form.js';
import { SoftphoneDetails } from './softphone-details.js';
import { SyncStatus } from './sync-status.js';

/** What the desktop shows instead of the views: first-run setup, the settings, the endpoint details, or nothing. */
export type DesktopScreen = 'setup' | 'settings' | 'saved' | null;

/**
 * The desktop's screen for this session (always null in a browser). Setup is forced only when the
 * desktop says so: capturing works before it, so a desktop that cannot answer does not lock the agent out.
 */
export function useDesktopScreen(session: Session): DesktopScreen {
  const configured = useDesktop((state) => state.settings?.configured);
  const panel = useDesktop((state) => state.panel);
  const view = useSession((state) => state.view);
  const show = useSession((state) => state.show);
  const waiting = useDesktop((state) => state.requests.length > 0);
  const desktop = session.mode === 'desktop';
  const screen: DesktopScreen = !desktop ? null : configured === false ? 'setup' : panel;
  // A softphone pre-fill or the hotkey brings the capture panel forward (not over an open form).
  useEffect(() => {
    if (desktop && waiting && screen === null && view !== 'capture') show('capture');
  }, [desktop, waiting, screen, view, show]);
  // The badge follows My feedback: leaving it after marking items seen lowers the count.
  useEffect(() => {
    if (desktop) void refreshUnseen();
  }, [desktop, view]);
  return screen;
}

/** "My feedback (2)" on the desktop while some items have news; the plain label otherwise. */
export function useNavLabel(): (view: View, label: string) => string {
  const { t } = useI18n();
  const unseen = useDesktop((state) => (state.client ? state.unseen : 0));
  return (view, label) =>
    view === 'mine' && unseen > 0 ? t('desktop.nav.mineCount', { count: unseen }) : label;
}

/** The header's desktop part: the Settings entry, then the sync line on a row of its own. */
export function DesktopHeaderItems() {
  const { t } = useI18n();
  const panel = useDesktop((state) => state.panel);
  return (
    <>
      <button
        type="button"
        className="settings-entry"
        aria-pressed={panel === 'settings'}
        onClick={() => showPanel(panel === 'settings' ? null : 'settings')}
      >
        {t('desktop.nav.settings')}
      </button>
      <SyncStatus />
    </>
  );
}

export function DesktopScreenView({ screen }: { screen: Exclude<DesktopScreen, null> }) {
  return screen === 'saved' ? <SoftphoneDetails /> : <SettingsFormView />;
}
