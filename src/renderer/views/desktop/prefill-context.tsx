import { useId } from 'react';
import { useI18n } from '../../i18n/i18n.js';
import '../../styles/desktop.css';
import { setContext, useDesktop } from './desktop-store.js';

/** The softphone's contact and queue above the capture form: context for the agent, not part of the item. */
export function PrefillContext() {
  const { t } = useI18n();
  const context = useDesktop((state) => state.context);
  const titleId = useId();
  if (!context) return null;
  return (
    <aside className="prefill-context" aria-labelledby={titleId}>
      <div className="prefill-head">
        <h2 id={titleId}>{t('desktop.prefill.title')}</h2>
        <button type="button" className="link" onClick={() => setContext(null)}>
          {t('desktop.prefill.dismiss')}
        </button>
      </div>
      <dl>
        {context.contact && (
          <div>
            <dt>{t('desktop.prefill.contact')}</dt>
            <dd>{context.contact}</dd>
          </div>
        )}
        {context.queue && (
          <div>
            <dt>{t('desktop.prefill.queue')}</dt>
            <dd>{context.queue}</dd>
          </div>
        )}
      </dl>
      <p className="hint">{t('desktop.prefill.note')}</p>
    </aside>
  );
}
