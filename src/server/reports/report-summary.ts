import { OPEN_STATUSES } from '../../shared/domain/issue.js';
import { type ReportText, signedChange } from './report-text.js';
import type { WeeklyReport } from './weekly-report-data.js';

const FIXED_NAMED = 3;

/**
 * Two or three sentences a team lead's manager reads first, all computed from the week's data:
 * how many contacts and against last week (the same days of it while this week runs), which issue
 * rose most; what is new, what was fixed and which fixed issues are still heard;
 * and what to do first (the open issue with the most contacts, and whether it has an owner).
 */
export function reportSummary(report: WeeklyReport, text: ReportText): string[] {
  const { t } = text;
  const h = report.headline;
  if (h.items === 0) return [t('report.summary.empty')];
  const volume = {
    contacts: h.contacts,
    previous: h.previousContacts,
    change: signedChange(text, h.contacts - h.previousContacts),
  };
  const rose = [...report.allIssues]
    .filter((issue) => issue.trend > 0 && issue.previous_times_heard > 0)
    .sort((a, b) => b.trend - a.trend)[0];
  const sentences = [
    rose
      ? t(h.weekToDate ? 'report.summary.volumeRoseSoFar' : 'report.summary.volumeRose', {
          ...volume,
          title: rose.title,
          from: rose.previous_times_heard,
          to: rose.times_heard,
        })
      : t(h.weekToDate ? 'report.summary.volumeSoFar' : 'report.summary.volume', volume),
  ];
  const fresh = report.newIssues[0];
  const clauses = [
    fresh
      ? t('report.summary.new', {
          count: report.newIssues.length,
          title: fresh.title,
          contacts: fresh.times_heard,
        })
      : t('report.summary.noNew'),
  ];
  // A fix that did not stop the contacts is said once, as that: it was marked fixed too.
  const stillHeard = report.allIssues.filter((issue) => issue.heard_since_fixed);
  const fixed = report.fixedThisWeek.filter((issue) => !stillHeard.some((s) => s.id === issue.id));
  const titles = (issues: readonly { title: string }[]) =>
    issues
      .slice(0, FIXED_NAMED)
      .map((issue) => issue.title)
      .join(t('report.summary.list'));
  if (fixed.length > 0) clauses.push(t('report.summary.fixed', { titles: titles(fixed) }));
  if (stillHeard.length > 0)
    clauses.push(t('report.summary.stillHeard', { titles: titles(stillHeard) }));
  sentences.push(capitalise(clauses.join(t('report.summary.join'))) + t('report.summary.end'));
  const first = report.allIssues.find((issue) => OPEN_STATUSES.has(issue.status));
  if (first) {
    sentences.push(
      first.owner
        ? t('report.summary.firstOwned', {
            title: first.title,
            contacts: first.times_heard,
            owner: first.owner,
          })
        : t('report.summary.firstNoOwner', { title: first.title, contacts: first.times_heard }),
    );
  }
  return sentences;
}

function capitalise(sentence: string): string {
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}
