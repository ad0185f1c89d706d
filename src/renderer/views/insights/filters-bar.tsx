import { useEffect, useState } from 'react';
import { CHANNELS, type Channel } from '../../../shared/domain/item-fields.js';
import { STATUS_FILTERS, type StatusFilter } from '../../../shared/domain/issue.js';
import { segmentLabel } from '../../i18n/segment-label.js';
import { useI18n } from '../../i18n/i18n.js';
import { type Filters, useInsights } from './insights-store.js';
import { useInvoke } from './use-invoke.js';

const SEARCH_DELAY_MS = 300;

/** The search box answers after a pause in typing, not on every key. */
function SearchBox() {
  const { t } = useI18n();
  const search = useInsights((state) => state.filters.search);
  const setFilter = useInsights((state) => state.setFilter);
  const [text, setText] = useState(search);
  useEffect(() => {
    const timer = setTimeout(() => setFilter('search', text.trim()), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text, setFilter]);
  return (
    <label className="field search">
      {t('insights.filters.search')}
      <input
        type="search"
        value={text}
        placeholder={t('insights.filters.searchPlaceholder')}
        onChange={(e) => setText(e.target.value)}
      />
    </label>
  );
}

function Choice({
  label,
  value,
  options,
  onChange,
  disabled = false,
}: {
  label: string;
  value: string;
  options: { value: string; label: string }[];
  onChange: (value: string) => void;
  disabled?: boolean;
}) {
  return (
    <label className="field">
      {label}
      <select value={value} onChange={(e) => onChange(e.target.value)} disabled={disabled}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Window and filters of the whole view; a lead's team is fixed to theirs. */
export function FiltersBar({
  lockedTeam,
  loading,
}: {
  lockedTeam: string | null;
  loading: boolean;
}) {
  const { t } = useI18n();
  const filters = useInsights((state) => state.filters);
  const setFilter = useInsights((state) => state.setFilter);
  const reload = useInsights((state) => state.reload);
  const taxonomy = useInvoke('meta.taxonomy', {}).data;
  const all = { value: '', label: t('common.all') };
  const setDate = (key: keyof Pick<Filters, 'from' | 'to'>) => (value: string) => {
    // A cleared date input keeps the window it had rather than asking for all time.
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) setFilter(key, value);
  };
  const teams =
    lockedTeam !== null
      ? [{ value: lockedTeam, label: lockedTeam }]
      : [all, ...(taxonomy?.teams ?? []).map((team) => ({ value: team, label: team }))];
  return (
    <form
      className="filters"
      role="search"
      aria-label={t('insights.filters.label')}
      onSubmit={(e) => e.preventDefault()}
    >
      <label className="field">
        {t('insights.filters.from')}
        <input
          type="date"
          value={filters.from}
          max={filters.to}
          onChange={(e) => setDate('from')(e.target.value)}
        />
      </label>
      <label className="field">
        {t('insights.filters.to')}
        <input
          type="date"
          value={filters.to}
          min={filters.from}
          onChange={(e) => setDate('to')(e.target.value)}
        />
      </label>
      <Choice
        label={t('insights.filters.team')}
        value={lockedTeam ?? filters.team}
        options={teams}
        disabled={lockedTeam !== null}
        onChange={(value) => setFilter('team', value)}
      />
      <Choice
        label={t('insights.filters.channel')}
        value={filters.channel}
        options={[
          all,
          ...CHANNELS.map((channel) => ({ value: channel, label: t(`channel.${channel}`) })),
        ]}
        onChange={(value) => setFilter('channel', value as Channel | '')}
      />
      <Choice
        label={t('insights.filters.segment')}
        value={filters.segment}
        options={[
          all,
          ...(taxonomy?.segments ?? []).map((segment) => ({
            value: segment,
            label: segmentLabel(t, segment),
          })),
        ]}
        onChange={(value) => setFilter('segment', value)}
      />
      <Choice
        label={t('insights.filters.status')}
        value={filters.status}
        options={STATUS_FILTERS.map((status) => ({
          value: status,
          label: t(`insights.filters.status.${status}`),
        }))}
        onChange={(value) => setFilter('status', value as StatusFilter)}
      />
      <SearchBox />
      <button type="button" className="refresh" onClick={reload} aria-busy={loading}>
        {t('insights.filters.refresh')}
      </button>
    </form>
  );
}
