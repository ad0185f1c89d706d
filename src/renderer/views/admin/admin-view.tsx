import { useI18n } from '../../i18n/i18n.js';
import '../../styles/admin.css';
import { CostsPanel } from './costs-panel.js';
import { WebhooksPanel } from './webhooks-panel.js';

/** The admin's settings: channel costs and webhooks, the same settings as `wocas cost` and `wocas webhook`. */
export function AdminView() {
  const { t } = useI18n();
  return (
    <div className="admin">
      <div className="view-head">
        <h1>{t('admin.title')}</h1>
        <p className="muted">{t('admin.intro')}</p>
      </div>
      <div className="admin-grid">
        <CostsPanel />
        <WebhooksPanel />
      </div>
    </div>
  );
}
