import { describe, expect, it } from 'vitest';
import { report as reportEn } from '../../shared/i18n/en/report.js';
import { report as reportZh } from '../../shared/i18n/zh-CN/report.js';
import { fillPlaceholders, messageLocale } from '../../shared/i18n/translate.js';
import { CATALOGS } from './catalogs.js';

/*
 * Every English string of the UI and of the weekly report, filled the way i18nFor and reportText
 * fill them (fillPlaceholders), with every placeholder set to one number: a count and the noun
 * after it must agree ("1 contact", "2 contacts"), and no plural may be left unresolved.
 */

const CATALOGUES = {
  ui: { en: CATALOGS.en, 'zh-CN': CATALOGS['zh-CN'] },
  report: { en: reportEn, 'zh-CN': reportZh },
} as const;

const NOUNS = 'contact|item|issue|week|period|attempt|webhook|agent|detail|delivery|deliverie';
const COUNTED = new RegExp(`\\b(\\d+(?:,\\d{3})*) (?:more |personal )?(${NOUNS})(s?)\\b`, 'g');

function filled(template: string, n: number, lang: 'en' | 'zh-CN'): string {
  const names = [...template.matchAll(/\{(\w+)/g)].map((m) => m[1] ?? '');
  return fillPlaceholders(
    template,
    Object.fromEntries(names.map((name) => [name, n])),
    messageLocale(lang),
  );
}

/** "1 contacts" and "2 contact" in a filled message: the count and its noun disagree. */
function slips(text: string): string[] {
  return [...text.matchAll(COUNTED)]
    .filter((m) => (m[1] === '1') !== (m[3] === ''))
    .map((m) => m[0]);
}

describe('plural forms in every English string', () => {
  for (const [area, { en }] of Object.entries(CATALOGUES)) {
    it(`${area}: a count of 1 and of 2 each agree with their noun`, () => {
      const found: string[] = [];
      for (const [key, template] of Object.entries(en))
        for (const n of [1, 2, 21])
          for (const slip of slips(filled(template, n, 'en'))) found.push(`${key} (${n}): ${slip}`);
      expect(found).toEqual([]);
    });
  }

  for (const [area, catalogue] of Object.entries(CATALOGUES))
    for (const lang of ['en', 'zh-CN'] as const)
      it(`${area} ${lang}: every plural resolves, leaving no syntax behind`, () => {
        for (const [key, template] of Object.entries(catalogue[lang]))
          for (const n of [0, 1, 2])
            expect(filled(template, n, lang), `${key} (${n})`).not.toMatch(/plural|[{}]/);
      });

  it('says the sentences a lead and an analyst read with one of a thing', () => {
    const en = (key: keyof typeof CATALOGS.en, values: Record<string, string | number>) =>
      fillPlaceholders(CATALOGS.en[key], values, messageLocale('en'));
    expect(en('insights.pareto.summary', { count: 1, share: '20%', threshold: '80%' })).toBe(
      '1 issue (20% of issues) drives 80% of contacts',
    );
    expect(en('insights.pareto.summary', { count: 3, share: '60%', threshold: '80%' })).toBe(
      '3 issues (60% of issues) drive 80% of contacts',
    );
    expect(en('admin.hooks.failingSummary', { count: 1, total: 1 })).toBe(
      'Failing: the only webhook. Its deliveries wait and are retried until the receiver answers.',
    );
    expect(en('admin.hooks.failingSummary', { count: 2, total: 3 })).toBe(
      'Failing: 2 of 3 webhooks. Their deliveries wait and are retried until the receiver answers.',
    );
    expect(en('priority.emerging.reason', { current: 4, usual: '0.5', windows: 1 })).toBe(
      '4 contacts against 0.5 in the period before.',
    );
    const report = (key: keyof typeof reportEn, values: Record<string, string | number>) =>
      fillPlaceholders(reportEn[key], values, messageLocale('en'));
    expect(report('report.paretoSentence', { count: 1, total: 1 })).toBe(
      '1 of 1 issue drives 80% of contacts.',
    );
    expect(report('report.paretoSentence', { count: 2, total: 9 })).toBe(
      '2 of 9 issues drive 80% of contacts.',
    );
    expect(report('report.summary.volume', { contacts: 1, change: '+1', previous: 0 })).toBe(
      '1 contact this week, +1 against last week (0).',
    );
  });

  it('keeps Chinese as it was: one form, the number as it is', () => {
    const zh = (key: keyof typeof CATALOGS.en, values: Record<string, string | number>) =>
      fillPlaceholders(CATALOGS['zh-CN'][key], values, messageLocale('zh-CN'));
    expect(zh('insights.trendChart.top', { count: 1 })).toBe(
      '排名第一的问题。在表格中勾选问题可对比其他问题。',
    );
    expect(zh('insights.trendChart.top', { count: 5 })).toBe(
      '排名前 5 的问题。在表格中勾选问题可对比其他问题。',
    );
    expect(
      fillPlaceholders(
        reportZh['report.summary.volume'],
        { contacts: 1, change: '+1', previous: 0 },
        messageLocale('zh-CN'),
      ),
    ).toBe('本周 1 次联系，较上周（0）+1。');
  });
});
