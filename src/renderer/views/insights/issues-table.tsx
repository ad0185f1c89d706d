import { useMemo } from 'react';
import type { RankedIssue } from '../../../shared/domain/issue.js';
import { MergeSelected } from './merge-selected.js';
import { useI18n } from '../../i18n/i18n.js';
import type { MessageKey } from '../../i18n/catalogs.js';
import { MAX_SELECTED, PAGE_SIZE, type SortKey, useInsights } from './insights-store.js';
import { StatusBadge, TrendValue } from './trend-value.js';
import { IssueSample, useIssueSamples } from './issue-samples.js';

interface Row {
  rank: number;
  issue: RankedIssue;
}

const COLUMNS: { key: SortKey; label: MessageKey; numeric: boolean }[] = [
  { key: 'rank', label: 'insights.table.rank', numeric: true },
  { key: 'title', label: 'insights.table.title', numeric: false },
  { key: 'mentions', label: 'insights.table.mentions', numeric: true },
  { key: 'times_heard', label: 'insights.table.timesHeard', numeric: true },
  { key: 'agents', label: 'insights.table.agents', numeric: true },
  { key: 'trend', label: 'insights.table.trend', numeric: true },
  { key: 'status', label: 'insights.table.status', numeric: false },
  { key: 'owner', label: 'insights.table.owner', numeric: false },
];

const STATUS_ORDER = ['new', 'investigating', 'fix_in_progress', 'fixed', 'wont_fix'];

function compareRows(key: SortKey, collator: Intl.Collator): (a: Row, b: Row) => number {
  switch (key) {
    case 'rank':
      return (a, b) => a.rank - b.rank;
    case 'title':
      return (a, b) => collator.compare(a.issue.title, b.issue.title);
    case 'owner':
      // Unowned issues sort last either way up: they are the ones to look at apart.
      return (a, b) => collator.compare(a.issue.owner ?? '\uffff', b.issue.owner ?? '\uffff');
    case 'status':
      return (a, b) => STATUS_ORDER.indexOf(a.issue.status) - STATUS_ORDER.indexOf(b.issue.status);
    default:
      return (a, b) => a.issue[key] - b.issue[key];
  }
}

/** Rows in the chosen order; ties keep rank order, so a sort never shuffles equals. */
export function sortedRows(
  issues: readonly RankedIssue[],
  key: SortKey,
  descending: boolean,
  locale: string,
): Row[] {
  const compare = compareRows(key, new Intl.Collator(locale));
  const sign = descending ? -1 : 1;
  return issues
    .map((issue, i) => ({ rank: i + 1, issue }))
    .sort((a, b) => sign * compare(a, b) || a.rank - b.rank);
}

function SortHeader({ column }: { column: (typeof COLUMNS)[number] }) {
  const { t } = useI18n();
  const sort = useInsights((state) => state.sort);
  const sortBy = useInsights((state) => state.sortBy);
  const active = sort.key === column.key;
  return (
    <th
      scope="col"
      className={`col-${column.key}${column.numeric ? ' num' : ''}`}
      aria-sort={active ? sort.direction : undefined}
    >
      <button type="button" className="sort" onClick={() => sortBy(column.key)}>
        {t(column.label)}
        <span aria-hidden="true" className="sort-mark">
          {active ? (sort.direction === 'ascending' ? '↑' : '↓') : '↕'}
        </span>
      </button>
    </th>
  );
}

/** A dash keeps the title column wide; the word is there for screen readers and on hover. */
function Unowned() {
  const { t } = useI18n();
  return (
    <span className="muted" title={t('insights.table.unowned')}>
      <span aria-hidden="true">—</span>
      <span className="visually-hidden">{t('insights.table.unowned')}</span>
    </span>
  );
}

function IssueRow({
  row,
  selected,
  canSelect,
  sample,
}: {
  row: Row;
  selected: boolean;
  canSelect: boolean;
  sample: string | undefined;
}) {
  const { t, number } = useI18n();
  const toggle = useInsights((state) => state.toggleSelected);
  const openIssue = useInsights((state) => state.openIssue);
  const { issue } = row;
  return (
    <tr data-issue-id={issue.id} className={selected ? 'selected' : undefined}>
      <td className="pick">
        <input
          type="checkbox"
          checked={selected}
          disabled={!selected && !canSelect}
          onChange={() => toggle(issue.id)}
          aria-label={t('insights.table.select', { title: issue.title })}
          // Two rows can share a title: the sample beside it describes which one this box picks.
          aria-describedby={sample === undefined ? undefined : `sample-${issue.id}`}
        />
      </td>
      <td className="num">{number(row.rank)}</td>
      <th scope="row" className="title">
        <button type="button" className="link" onClick={() => openIssue(issue.id)}>
          {issue.title}
        </button>
        <IssueSample sample={sample} id={`sample-${issue.id}`} />
      </th>
      <td className="num col-mentions">{number(issue.mentions)}</td>
      <td className="num times-heard">{number(issue.times_heard)}</td>
      <td className="num">{number(issue.agents)}</td>
      <td className="num">
        <TrendValue value={issue.trend} />
      </td>
      <td>
        <StatusBadge status={issue.status} />
      </td>
      <td className="owner">{issue.owner ?? <Unowned />}</td>
    </tr>
  );
}

/** Ranked issues, sortable, with only the first pages of rows in the DOM. */
export function IssuesTable({ issues }: { issues: readonly RankedIssue[] }) {
  const { t, locale } = useI18n();
  const sort = useInsights((state) => state.sort);
  const shown = useInsights((state) => state.shown);
  const showMore = useInsights((state) => state.showMore);
  const selected = useInsights((state) => state.selected);
  const rows = useMemo(
    () => sortedRows(issues, sort.key, sort.direction === 'descending', locale),
    [issues, sort, locale],
  );
  const visible = rows.slice(0, shown);
  const samples = useIssueSamples(visible.map((row) => row.issue.id));
  const canSelect = selected.length < MAX_SELECTED;
  return (
    <div className="issues-table">
      <MergeSelected issues={issues} />
      <table className="issues">
        <caption>
          {t('insights.table.caption')}{' '}
          <span className="muted">
            {t('insights.table.showing', { shown: visible.length, total: rows.length })}
          </span>
        </caption>
        <thead>
          <tr>
            <th scope="col" className="pick">
              <span className="visually-hidden">{t('insights.table.compare')}</span>
            </th>
            {COLUMNS.map((column) => (
              <SortHeader key={column.key} column={column} />
            ))}
          </tr>
        </thead>
        <tbody>
          {visible.map((row) => (
            <IssueRow
              key={row.issue.id}
              row={row}
              selected={selected.includes(row.issue.id)}
              canSelect={canSelect}
              sample={samples.get(row.issue.id)}
            />
          ))}
        </tbody>
      </table>
      {rows.length === 0 && <p className="empty">{t('insights.table.empty')}</p>}
      {!canSelect && (
        <p className="hint">{t('insights.table.selectLimit', { max: MAX_SELECTED })}</p>
      )}
      {rows.length > visible.length && (
        <button type="button" className="show-more" onClick={showMore}>
          {t('insights.table.showMore', {
            count: Math.min(rows.length - visible.length, PAGE_SIZE),
          })}
        </button>
      )}
    </div>
  );
}
