import { LOCALES, LOCALE_NAMES, type Locale, type MessageKey } from '../i18n/catalogs.js';
import { useI18n, useI18nStore } from '../i18n/i18n.js';
import { CaptureView } from '../views/capture/capture-view.js';
import { MyFeedbackView } from '../views/capture/my-feedback-view.js';
import { InsightsView } from '../views/insights/insights-view.js';
import { TeamView } from '../views/team/team-view.js';
import { type View, useSession, viewsFor } from './session-store.js';
import { SignIn } from './sign-in.js';

const VIEW_LABELS: Record<View, MessageKey> = {
  capture: 'nav.capture',
  mine: 'nav.mine',
  insights: 'nav.insights',
  team: 'nav.team',
};

function LanguageSwitch() {
  const { t, locale } = useI18n();
  const setLocale = useI18nStore((state) => state.setLocale);
  return (
    <label className="language">
      <span className="visually-hidden">{t('nav.language')}</span>
      <select value={locale} onChange={(e) => setLocale(e.target.value as Locale)} aria-label={t('nav.language')}>
        {LOCALES.map((code) => (
          <option key={code} value={code}>
            {LOCALE_NAMES[code]}
          </option>
        ))}
      </select>
    </label>
  );
}

export function App() {
  const { t } = useI18n();
  const session = useSession((state) => state.session);
  const view = useSession((state) => state.view);
  const show = useSession((state) => state.show);
  const signOut = useSession((state) => state.signOut);
  if (!session) {
    return (
      <>
        <header className="top">
          <span className="brand">{t('app.name')}</span>
          <LanguageSwitch />
        </header>
        <SignIn />
      </>
    );
  }
  return (
    <>
      <header className="top">
        <span className="brand" title={t('app.tagline')}>
          {t('app.name')}
        </span>
        <nav aria-label="WOCAS">
          {viewsFor(session).map((name) => (
            <button key={name} type="button" className="tab" aria-current={view === name ? 'page' : undefined} onClick={() => show(name)}>
              {t(VIEW_LABELS[name])}
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
      </header>
      <main id="main">
        {view === 'capture' && <CaptureView />}
        {view === 'mine' && <MyFeedbackView />}
        {view === 'insights' && <InsightsView />}
        {view === 'team' && <TeamView />}
      </main>
    </>
  );
}
