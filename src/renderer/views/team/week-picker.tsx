import { useI18n } from '../../i18n/i18n.js';
import { isoWeekOf } from '../../../shared/time/iso-week.js';
import { addDays, isoDate, localDay, mondayOf } from '../insights/dates.js';

/** An ISO week, Monday to Sunday, stepped a week at a time. */
export function WeekPicker({
  monday,
  onChange,
}: {
  monday: string;
  onChange: (monday: string) => void;
}) {
  const { t, date } = useI18n();
  const thisWeek = mondayOf(isoDate(new Date()));
  const label = t('team.week.label', {
    week: isoWeekOf(new Date(`${monday}T00:00:00Z`)).week,
    from: date(localDay(monday)),
    to: date(localDay(addDays(monday, 6))),
  });
  return (
    <div className="week-picker" role="group" aria-label={t('team.week.group')}>
      <button type="button" onClick={() => onChange(addDays(monday, -7))}>
        <span aria-hidden="true">← </span>
        {t('team.week.previous')}
      </button>
      <output className="week-label" aria-live="polite">
        {label}
      </output>
      <button
        type="button"
        onClick={() => onChange(addDays(monday, 7))}
        disabled={monday >= thisWeek}
      >
        {t('team.week.next')}
        <span aria-hidden="true"> →</span>
      </button>
      {monday !== thisWeek && (
        <button type="button" className="link" onClick={() => onChange(thisWeek)}>
          {t('team.week.current')}
        </button>
      )}
    </div>
  );
}
