import { type FormEvent, useState } from 'react';
import type { CreatedWebhook, WebhookStatus } from '../../../shared/api/contract.js';
import {
  WEBHOOK_EVENTS,
  WEBHOOK_FORMATS,
  type WebhookEvent,
  type WebhookFormat,
} from '../../../shared/domain/settings.js';
import { useClient } from '../../app/session-store.js';
import { type Translate, useI18n } from '../../i18n/i18n.js';
import { ActionMessage } from '../insights/action-status.js';
import { describeError, useInvoke } from '../insights/use-invoke.js';

type Said = { text: string; error: boolean } | null;

/** Runs an action, says how it went, and has the list read again after it. */
function useHookAction(t: Translate, reload: () => void) {
  const [said, setSaid] = useState<Said>(null);
  const [busy, setBusy] = useState(false);
  const run = async (work: () => Promise<string>): Promise<boolean> => {
    setBusy(true);
    try {
      setSaid({ text: await work(), error: false });
      reload();
      return true;
    } catch (error) {
      setSaid({ text: describeError(error, t), error: true });
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { said, setSaid, busy, run };
}

/**
 * The webhooks (`wocas webhook list`): each one's deliveries, with a failing receiver shown as
 * failing (its last error and attempts) rather than silently retried; add, with the secret shown
 * once; remove, confirmed in place.
 */
export function WebhooksPanel() {
  const { t } = useI18n();
  const client = useClient();
  const [refresh, setRefresh] = useState(0);
  const reload = () => setRefresh((n) => n + 1);
  const listed = useInvoke('webhooks.list', {}, refresh);
  const hooks = listed.data ?? [];
  const failing = hooks.filter((hook) => hook.last_error !== null);
  const action = useHookAction(t, reload);
  const [created, setCreated] = useState<CreatedWebhook | null>(null);
  return (
    <section className="panel admin-hooks" aria-labelledby="hooks-title">
      <h2 id="hooks-title">{t('admin.hooks.title')}</h2>
      <p className="muted">{t('admin.hooks.explain')}</p>
      <button type="button" className="link" onClick={reload} disabled={listed.loading}>
        {t('admin.refresh')}
      </button>
      {listed.error !== null && (
        <p role="alert" className="error">
          {describeError(listed.error, t)}
        </p>
      )}
      {failing.length > 0 && (
        <p role="alert" className="error hooks-failing">
          {t('admin.hooks.failingSummary', { count: failing.length, total: hooks.length })}
        </p>
      )}
      {listed.data && hooks.length === 0 && <p className="muted">{t('admin.hooks.none')}</p>}
      {hooks.length > 0 && (
        <table className="admin-table hooks-table">
          <thead>
            <tr>
              <th scope="col">{t('admin.hooks.url')}</th>
              <th scope="col">{t('admin.hooks.events')}</th>
              <th scope="col">{t('admin.hooks.format')}</th>
              <th scope="col">{t('admin.hooks.delivered')}</th>
              <th scope="col">{t('admin.hooks.pending')}</th>
              <th scope="col">{t('admin.hooks.state')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('admin.hooks.remove')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {hooks.map((hook) => (
              <HookRow
                key={hook.id}
                hook={hook}
                busy={action.busy}
                onRemove={() =>
                  action.run(async () => {
                    await client.invoke('webhooks.remove', { id: hook.id });
                    return t('admin.hooks.removed', { id: hook.id });
                  })
                }
              />
            ))}
          </tbody>
        </table>
      )}
      {created && (
        <div className="hook-secret" role="region" aria-label={t('admin.hooks.secret')}>
          <p>{t('admin.hooks.secret')}</p>
          <code data-webhook-id={created.id}>{created.secret}</code>{' '}
          <button type="button" onClick={() => setCreated(null)}>
            {t('admin.hooks.secretDone')}
          </button>
        </div>
      )}
      <AddHookForm
        busy={action.busy}
        onAdd={(args) =>
          action.run(async () => {
            const made = await client.invoke('webhooks.add', args);
            setCreated(made);
            return t('admin.hooks.added', { id: made.id });
          })
        }
        refuse={(text) => action.setSaid({ text, error: true })}
      />
      <ActionMessage message={action.said} />
    </section>
  );
}

function deliveryState(hook: WebhookStatus, t: Translate): string {
  if (hook.last_error !== null)
    return t('admin.hooks.failing', { attempts: hook.max_attempts, error: hook.last_error });
  if (hook.pending > 0) return t('admin.hooks.waiting', { pending: hook.pending });
  return t('admin.hooks.ok');
}

function HookRow({
  hook,
  busy,
  onRemove,
}: {
  hook: WebhookStatus;
  busy: boolean;
  onRemove: () => Promise<boolean>;
}) {
  const { t, number } = useI18n();
  const [confirming, setConfirming] = useState(false);
  const failing = hook.last_error !== null;
  return (
    <tr data-webhook-id={hook.id} className={failing ? 'failing' : undefined}>
      <td className="hook-url">{hook.url}</td>
      <td>{hook.events.map((event) => t(`admin.hooks.event.${event}`)).join(', ')}</td>
      <td>{hook.format}</td>
      <td className="num">{number(hook.delivered)}</td>
      <td className="num">{number(hook.pending)}</td>
      <td className="hook-state">{deliveryState(hook, t)}</td>
      <td>
        {confirming ? (
          <>
            <button type="button" disabled={busy} onClick={() => void onRemove()}>
              {t('admin.hooks.confirmRemove')}
            </button>{' '}
            <button type="button" className="link" onClick={() => setConfirming(false)}>
              {t('admin.hooks.cancel')}
            </button>
          </>
        ) : (
          <button type="button" className="link" onClick={() => setConfirming(true)}>
            {t('admin.hooks.remove')}
          </button>
        )}
      </td>
    </tr>
  );
}

function AddHookForm({
  busy,
  onAdd,
  refuse,
}: {
  busy: boolean;
  onAdd: (args: { url: string; events: WebhookEvent[]; format: WebhookFormat }) => Promise<boolean>;
  refuse: (text: string) => void;
}) {
  const { t } = useI18n();
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<WebhookEvent[]>([...WEBHOOK_EVENTS]);
  const [format, setFormat] = useState<WebhookFormat>('json');
  const toggle = (event: WebhookEvent, on: boolean) =>
    setEvents((now) => WEBHOOK_EVENTS.filter((e) => (e === event ? on : now.includes(e))));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (events.length === 0) return refuse(t('admin.hooks.needEvent'));
    void onAdd({ url: url.trim(), events, format }).then((added) => added && setUrl(''));
  };
  return (
    <form className="admin-form" onSubmit={submit}>
      <label className="field wide">
        <span>{t('admin.hooks.url')}</span>
        <input
          name="url"
          type="url"
          required
          placeholder="https://hooks.slack.com/services/…"
          value={url}
          onChange={(e) => setUrl(e.target.value)}
        />
      </label>
      <fieldset className="hook-events">
        <legend>{t('admin.hooks.events')}</legend>
        {WEBHOOK_EVENTS.map((choice) => (
          <label key={choice}>
            <input
              type="checkbox"
              checked={events.includes(choice)}
              onChange={(e) => toggle(choice, e.target.checked)}
            />{' '}
            {t(`admin.hooks.event.${choice}`)}
          </label>
        ))}
      </fieldset>
      <label className="field">
        <span>{t('admin.hooks.format')}</span>
        <select value={format} onChange={(e) => setFormat(e.target.value as WebhookFormat)}>
          {WEBHOOK_FORMATS.map((choice) => (
            <option key={choice} value={choice}>
              {choice}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" disabled={busy}>
        {t('admin.hooks.add')}
      </button>
    </form>
  );
}
