import { useState } from 'react';
import { useSession } from '../../app/session-store.js';
import { userTimeZone } from '../../app/time-zone.js';
import { useI18n } from '../../i18n/i18n.js';

const FORMATS = ['pdf', 'html', 'xlsx', 'csv', 'md'] as const;

/**
 * "Export weekly report": the same files as `wocas report`, fetched with the session's token and
 * saved through a download link (the token never goes into a URL). The week and the zone are the
 * Team view's own, so the file counts what the screen shows.
 */
export function ExportReport({ team, week }: { team: string; week: string }) {
  const { t, locale } = useI18n();
  const token = useSession((state) => state.token);
  const [format, setFormat] = useState<(typeof FORMATS)[number]>('pdf');
  const [state, setState] = useState<'idle' | 'busy' | 'failed'>('idle');
  const download = async () => {
    if (!token) return;
    setState('busy');
    try {
      const query = new URLSearchParams({ team, week, format, lang: locale, tz: userTimeZone() });
      const response = await fetch(`/api/v1/reports/weekly?${query.toString()}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      if (!response.ok) throw new Error(String(response.status));
      const url = URL.createObjectURL(await response.blob());
      const link = document.createElement('a');
      link.href = url;
      link.download = `wocas-${team}-${week}.${format}`;
      link.click();
      URL.revokeObjectURL(url);
      setState('idle');
    } catch {
      setState('failed');
    }
  };
  return (
    <div className="export-report">
      <label className="field">
        {t('team.export.format')}
        <select
          value={format}
          onChange={(e) => setFormat(e.target.value as (typeof FORMATS)[number])}
        >
          {FORMATS.map((f) => (
            <option key={f} value={f}>
              {f.toUpperCase()}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        className="primary"
        onClick={() => void download()}
        disabled={state === 'busy'}
      >
        {state === 'busy' ? t('team.export.busy') : t('team.export.action', { week })}
      </button>
      {state === 'failed' && (
        <p role="alert" className="error">
          {t('team.export.failed')}
        </p>
      )}
    </div>
  );
}
