import { type FormEvent, useState } from 'react';
import type { CostSettings } from '../../../shared/api/contract.js';
import { CHANNELS, type Channel } from '../../../shared/domain/item-fields.js';
import { useClient } from '../../app/session-store.js';
import { useI18n } from '../../i18n/i18n.js';
import { describeError, useInvoke } from '../insights/use-invoke.js';
import { ActionMessage } from '../insights/action-status.js';

type Said = { text: string; error: boolean } | null;

/** A typed number of 0 or more, or null: an empty field is not 0. */
function amount(typed: string): number | null {
  const value = typed.trim() === '' ? Number.NaN : Number(typed);
  return Number.isFinite(value) && value >= 0 ? value : null;
}

/** Cost to serve per channel: what is set, and a form that sets one channel (`wocas cost set`). */
export function CostsPanel() {
  const { t, money } = useI18n();
  const [refresh, setRefresh] = useState(0);
  const shown = useInvoke('costs.show', {}, refresh);
  const settings = shown.data;
  return (
    <section className="panel admin-costs" aria-labelledby="costs-title">
      <h2 id="costs-title">{t('admin.costs.title')}</h2>
      <p className="muted">{t('admin.costs.explain')}</p>
      {shown.error !== null && (
        <p role="alert" className="error">
          {describeError(shown.error, t)}
        </p>
      )}
      {settings && (
        <table className="admin-table">
          <thead>
            <tr>
              <th scope="col">{t('admin.costs.channel')}</th>
              <th scope="col">{t('admin.costs.minutes')}</th>
              <th scope="col">{t('admin.costs.perMinute')}</th>
              <th scope="col">{t('admin.costs.perContact')}</th>
            </tr>
          </thead>
          <tbody>
            {CHANNELS.map((channel) => {
              const cost = settings.channels[channel];
              return (
                <tr key={channel} data-channel={channel}>
                  <th scope="row">{t(`channel.${channel}`)}</th>
                  <td className="num">{cost ? cost.minutes : '—'}</td>
                  <td className="num">{cost ? money(cost.per_minute) : '—'}</td>
                  <td className="num">
                    {cost
                      ? `${money(cost.minutes * cost.per_minute)} ${settings.currency}`
                      : t('admin.costs.notSet')}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {settings && <CostForm settings={settings} onSaved={() => setRefresh((n) => n + 1)} />}
    </section>
  );
}

function CostForm({ settings, onSaved }: { settings: CostSettings; onSaved: () => void }) {
  const { t, money } = useI18n();
  const client = useClient();
  const [channel, setChannel] = useState<Channel>('phone');
  const current = settings.channels[channel];
  const [minutes, setMinutes] = useState(current ? String(current.minutes) : '');
  const [perMinute, setPerMinute] = useState(current ? String(current.per_minute) : '');
  const [currency, setCurrency] = useState(settings.currency);
  const [said, setSaid] = useState<Said>(null);
  const [busy, setBusy] = useState(false);
  const pick = (next: Channel) => {
    const cost = settings.channels[next];
    setChannel(next);
    setMinutes(cost ? String(cost.minutes) : '');
    setPerMinute(cost ? String(cost.per_minute) : '');
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const m = amount(minutes);
    const p = amount(perMinute);
    if (m === null || p === null)
      return setSaid({ text: t('admin.costs.needNumbers'), error: true });
    setBusy(true);
    try {
      const saved = await client.invoke('costs.set', {
        channel,
        minutes: m,
        per_minute: p,
        ...(currency.trim() === '' ? {} : { currency: currency.trim() }),
      });
      setSaid({
        text: t('admin.costs.saved', {
          channel: t(`channel.${channel}`),
          cost: money(m * p),
          currency: saved.currency,
        }),
        error: false,
      });
      onSaved();
    } catch (error) {
      setSaid({ text: describeError(error, t), error: true });
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="admin-form" onSubmit={(e) => void submit(e)}>
      <label className="field">
        <span>{t('admin.costs.channel')}</span>
        <select name="channel" value={channel} onChange={(e) => pick(e.target.value as Channel)}>
          {CHANNELS.map((choice) => (
            <option key={choice} value={choice}>
              {t(`channel.${choice}`)}
            </option>
          ))}
        </select>
      </label>
      <DecimalField
        name="minutes"
        label={t('admin.costs.minutes')}
        value={minutes}
        onChange={setMinutes}
      />
      <DecimalField
        name="per_minute"
        label={t('admin.costs.perMinute')}
        value={perMinute}
        onChange={setPerMinute}
      />
      <label className="field">
        <span>{t('admin.costs.currency')}</span>
        <input
          name="currency"
          size={4}
          maxLength={3}
          value={currency}
          onChange={(e) => setCurrency(e.target.value.toUpperCase())}
        />
      </label>
      <button type="submit" disabled={busy}>
        {t('admin.costs.save')}
      </button>
      <ActionMessage message={said} />
    </form>
  );
}

/** A labelled field for a number of minutes or of money: never negative, decimals allowed. */
function DecimalField({
  name,
  label,
  value,
  onChange,
}: {
  name: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <label className="field">
      <span>{label}</span>
      <input
        name={name}
        type="number"
        min="0"
        step="any"
        inputMode="decimal"
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    </label>
  );
}
