import { useI18n } from '../../i18n/i18n.js';

/**
 * Change in contacts against the previous period: ▲ rising (red: more customers hurt), ▼ falling
 * (green), – flat. The arrow is decoration; the words are what assistive technology reads.
 */
export function TrendValue({ value }: { value: number }) {
  const { t, number } = useI18n();
  const magnitude = Math.abs(value);
  const [className, arrow, label] =
    value > 0
      ? ['trend-up', '▲', t('insights.trend.rising', { count: magnitude })]
      : value < 0
        ? ['trend-down', '▼', t('insights.trend.falling', { count: magnitude })]
        : ['trend-flat', '–', t('insights.trend.flat')];
  return (
    <span className={`trend ${className}`} title={label}>
      <span aria-hidden="true">
        {arrow} {value === 0 ? '' : number(magnitude)}
      </span>
      <span className="visually-hidden">{label}</span>
    </span>
  );
}

/**
 * A status badge in the user's language; a fixed issue heard after its fix (the week's views
 * know it) reads "Fixed — still heard".
 */
export function StatusBadge({
  status,
  stillHeard = false,
}: {
  status: 'new' | 'investigating' | 'fix_in_progress' | 'fixed' | 'wont_fix';
  stillHeard?: boolean;
}) {
  const { t } = useI18n();
  if (stillHeard && status === 'fixed')
    return <span className="status fixed still-heard">{t('status.fixedStillHeard')}</span>;
  return <span className={`status ${status}`}>{t(`status.${status}`)}</span>;
}
