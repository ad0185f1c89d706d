import type { TeamSummary } from '../../../shared/api/contract.js';
import { useI18n } from '../../i18n/i18n.js';

/** Who passed on what customers said: counts only, as thanks rather than a league table of output. */
export function Contributors({ contributors }: { contributors: TeamSummary['contributors'] }) {
  const { t, number } = useI18n();
  const most = Math.max(1, ...contributors.map((c) => c.items));
  return (
    <section className="panel contributors" aria-labelledby="contributors-title">
      <h2 id="contributors-title">{t('team.contributors.title')}</h2>
      <p className="hint">{t('team.contributors.note')}</p>
      {contributors.length === 0 ? (
        <p className="empty">{t('team.contributors.empty')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('team.contributors.agent')}</th>
              <th scope="col" className="num">
                {t('team.contributors.items')}
              </th>
              <th scope="col" className="num">
                {t('team.contributors.timesHeard')}
              </th>
              <th scope="col" className="bar-cell">
                <span className="visually-hidden">{t('team.contributors.bar')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {contributors.map((contributor) => (
              <tr key={contributor.agent} data-agent={contributor.agent}>
                <th scope="row">{contributor.agent}</th>
                <td className="num items">{number(contributor.items)}</td>
                <td className="num">{number(contributor.times_heard)}</td>
                <td className="bar-cell" aria-hidden="true">
                  <span className="bar" style={{ width: `${(contributor.items / most) * 100}%` }} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
