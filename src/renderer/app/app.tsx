import type { Session } from '../../shared/api/contract.js';
import { LOCALES, LOCALE_NAMES, type Locale, type MessageKey } from '../i18n/catalogs.js';
import { useI18n, useI18nStore } from '../i18n/i18n.js';
import { AdminView } from '../views/admin/admin-view.js';
import { CaptureView } from '../views/capture/capture-view.js';
import { MyFeedbackView } from '../views/capture/my-feedback-view.js';
import { showPanel } from '../views/desktop/desktop-store.js';
import {
  DesktopHeaderItems,
  DesktopScreenView,
  useDesktopScreen,
  useNavLabel,
} from '../views/desktop/desktop-chrome.js';
import { InsightsView } from '../views/insights/insights-view.js';
import { TeamView } from '../views/team/team-view.js';
import { type View, useSession, viewsFor } from './session-store.js';
import { SignIn } from './sign-in.js';

const VIEW_LABELS: Record<View, MessageKey> = {
  capture: 'nav.capture',
  mine: 'nav.mine',
  insights: 'nav.insights',
  team: 'nav.team',
  admin: 'nav.admin',
};

function LanguageSwitch() {
  const { t, locale } = useI18n();
  const setLocale = useI18nStore((state) => state.setLocale);
  return (
    <label className="language">
      <span className="visually-hidden">{t('nav.language')}</span>
      <select
        value={locale}
        onChange={(e) => setLocale(e.target.value as Locale)}
        aria-label={t('nav.language')}
      >
        {LOCALES.map((code) => (
          <option key={code} value={code}>
            {LOCALE_NAMES[code]}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Before anyone is signed in (browser) or set up (desktop): the name and the language only. */
function BareHeader() {
  const { t } = useI18n();
  return (
    <header className="top">
      <span className="brand">{t('app.name')}</span>
      <LanguageSwitch />
    </header>
  );
}

export function App() {
  const session = useSession((state) => state.session);
  if (!session) {
    return (
      <>
        <BareHeader />
        <SignIn />
      </>
    );
  }
  return <SignedIn session={session} />;
}

function SignedIn({ session }: { session: Session }) {
  const view = useSession((state) => state.view);
  const screen = useDesktopScreen(session);
  // One <main> for every screen: the setup form stays mounted (with its errors) as setup turns into settings.
  return (
    <>
      {screen === 'setup' ? (
        <BareHeader />
      ) : (
        <SessionHeader session={session} covered={screen !== null} />
      )}
      <main id="main">
        {screen !== null ? (
          <DesktopScreenView screen={screen} />
        ) : (
          <>
            {view === 'capture' && <CaptureView />}
            {view === 'mine' && <MyFeedbackView />}
            {view === 'insights' && <InsightsView />}
            {view === 'team' && <TeamView />}
            {view === 'admin' && <AdminView />}
          </>
        )}
      </main>
    </>
  );
}

/** `covered`: a desktop screen (settings) is shown over the views; a tab closes it. */
function SessionHeader({ session, covered }: { session: Session; covered: boolean }) {
  const { t } = useI18n();
  const view = useSession((state) => state.view);
  const show = useSession((state) => state.show);
  const signOut = useSession((state) => state.signOut);
  const navLabel = useNavLabel();
  return (
    <header className="top">
      <span className="brand" title={t('app.tagline')}>
        {t('app.name')}
      </span>
      <nav aria-label="WOCAS">
        {viewsFor(session).map((name) => (
          <button
            key={name}
            type="button"
            className="tab"
            aria-current={view === name && !covered ? 'page' : undefined}
            onClick={() => {
              showPanel(null);
              show(name);
            }}
          >
            {navLabel(name, t(VIEW_LABELS[name]))}
          </button>
        ))}
      </nav>
      <span className="who">{session.name}</span>
      <LanguageSwitch />
      {session.mode === 'browser' && (
        <button type="button" className="link" onClick={signOut}>
          {t('nav.signOut')}
        </button>
      )}
      {session.mode === 'desktop' && <DesktopHeaderItems />}
    </header>
  );
}
