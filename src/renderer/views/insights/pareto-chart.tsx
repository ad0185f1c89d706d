import { useMemo } from 'react';
import type { RankedIssue } from '../../../shared/domain/issue.js';
import { pareto } from '../../../shared/ranking/pareto.js';
import { useI18n } from '../../i18n/i18n.js';
import { PARETO_BARS, paretoConfig, paretoSentence } from './pareto-config.js';
import { useChart } from './use-chart.js';

/** Which few issues make most of the contacts: the chart, and the same finding in words. */
export function ParetoChart({ issues }: { issues: readonly RankedIssue[] }) {
  const i18n = useI18n();
  const { t } = i18n;
  const result = useMemo(
    () => pareto(issues.map((issue) => ({ id: issue.id, value: issue.times_heard }))),
    [issues],
  );
  const titles = useMemo(() => new Map(issues.map((issue) => [issue.id, issue.title])), [issues]);
  const config = useMemo(
    () => (result.total > 0 ? paretoConfig(result, titles, i18n) : null),
    [result, titles, i18n],
  );
  const canvas = useChart(config);
  const sentence = paretoSentence(result, i18n);
  const shown = Math.min(PARETO_BARS, result.points.length);
  return (
    <section className="panel pareto" aria-labelledby="pareto-title">
      <h2 id="pareto-title">{t('insights.pareto.title')}</h2>
      <p className="pareto-summary" id="pareto-summary">
        {sentence}
      </p>
      {config && (
        <div className="chart-box tall">
          <canvas
            ref={canvas}
            role="img"
            aria-label={t('insights.pareto.chartLabel', { shown, total: result.points.length })}
            aria-describedby="pareto-summary"
          />
        </div>
      )}
    </section>
  );
}
