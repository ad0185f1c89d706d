import { useMemo, useState } from 'react';
import type { RankBy, RankedIssue } from '../../../shared/domain/issue.js';
import { pareto } from '../../../shared/ranking/pareto.js';
import { useI18n } from '../../i18n/i18n.js';
import {
  PARETO_BARS,
  type ParetoMeasure,
  paretoConfig,
  paretoSentence,
  paretoValue,
} from './pareto-config.js';
import '../../styles/priority.css';
import { IssueSample, useIssueNames } from './issue-samples.js';
import { useChart } from './use-chart.js';

const MEASURES: readonly ParetoMeasure[] = ['contacts', 'cost'];

/**
 * Which few issues make most of the contacts, or of what they cost: the chart, the same finding in
 * words, and the bars' figures as a table. Until the analyst picks a measure it follows the
 * ranking: ranked by cost, the Pareto is of cost.
 */
export function ParetoChart({
  issues,
  currency,
  rankBy,
}: {
  issues: readonly RankedIssue[];
  currency: string;
  rankBy: RankBy;
}) {
  const i18n = useI18n();
  const { t, percent } = i18n;
  const [picked, setPicked] = useState<ParetoMeasure | null>(null);
  const measure = picked ?? (rankBy === 'cost' ? 'cost' : 'contacts');
  const result = useMemo(
    () =>
      pareto(
        issues.map((issue) => ({
          id: issue.id,
          value: measure === 'cost' ? issue.cost : issue.times_heard,
        })),
      ),
    [issues, measure],
  );
  const titles = useMemo(() => new Map(issues.map((issue) => [issue.id, issue.title])), [issues]);
  const shown = useMemo(() => result.points.slice(0, PARETO_BARS), [result]);
  const drawn = useMemo(
    () => shown.map((point) => ({ id: point.id, title: titles.get(point.id) ?? '' })),
    [shown, titles],
  );
  const names = useIssueNames(drawn, issues);
  const config = useMemo(
    () => (result.total > 0 ? paretoConfig(result, titles, i18n, measure, currency, names) : null),
    [result, titles, i18n, measure, currency, names],
  );
  const canvas = useChart(config);
  const sentence = paretoSentence(result, i18n, measure);
  return (
    <section className="panel pareto" aria-labelledby="pareto-title">
      <h2 id="pareto-title">
        {t(measure === 'cost' ? 'insights.pareto.titleCost' : 'insights.pareto.title')}
      </h2>
      <fieldset className="pareto-measure">
        <legend>{t('insights.pareto.measure')}</legend>
        {MEASURES.map((choice) => (
          <label key={choice}>
            <input
              type="radio"
              name="pareto-measure"
              value={choice}
              checked={measure === choice}
              onChange={() => setPicked(choice)}
            />{' '}
            {t(choice === 'cost' ? 'insights.pareto.byCost' : 'insights.pareto.byContacts')}
          </label>
        ))}
      </fieldset>
      <p className="pareto-summary" id="pareto-summary">
        {sentence}
      </p>
      {config && (
        <>
          <div className="chart-box tall">
            <canvas
              ref={canvas}
              role="img"
              aria-label={t('insights.pareto.chartLabel', {
                shown: shown.length,
                total: result.points.length,
              })}
              aria-describedby="pareto-summary"
            />
          </div>
          <details className="pareto-figures">
            <summary>{t('insights.pareto.figures')}</summary>
            <table>
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">{t('insights.pareto.issue')}</th>
                  <th scope="col">
                    {measure === 'cost'
                      ? t('insights.pareto.cost', { currency })
                      : t('insights.pareto.contacts')}
                  </th>
                  <th scope="col">{t('insights.pareto.cumulative')}</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((point, i) => (
                  <tr key={point.id} data-issue-id={point.id}>
                    <td>{i + 1}</td>
                    <td>
                      {names.name({ id: point.id, title: titles.get(point.id) ?? '' })}
                      <IssueSample sample={names.sample(point.id)} />
                    </td>
                    <td className="num">{paretoValue(point.value, measure, i18n)}</td>
                    <td className="num">{percent(point.cumulativeShare)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </>
      )}
    </section>
  );
}
