import type { TooltipItem } from 'chart.js';
import { describe, expect, it } from 'vitest';
import { pareto } from '../../../shared/ranking/pareto.js';
import { fillPlaceholders, messageLocale } from '../../../shared/i18n/translate.js';
import { CATALOGS, type Locale } from '../../i18n/catalogs.js';
import type { I18n } from '../../i18n/i18n.js';
import { alikeTitleIds, issueNames } from './alike-titles.js';
import { paretoConfig } from './pareto-config.js';
import { trendConfig, trendSummary } from './trend-config.js';

/** The UI's messages filled as i18nFor fills them, without its store (which needs a browser). */
function i18n(locale: Locale): I18n {
  const message = messageLocale(locale);
  return {
    locale,
    t: (key, values) => fillPlaceholders(CATALOGS[locale][key], values, message),
    number: (value) => message.numbers.format(value),
    percent: (value) => `${Math.round(value * 100)}%`,
    money: (value) => value.toFixed(2),
    date: (iso) => iso,
    dateTime: (iso) => iso,
  };
}

const en = i18n('en');
const UNLABELLED = 'Unlabelled issue';
/** Two issues with the placeholder title, one with a label; ranked 4th, 2nd and 1st. */
const DRAWN = [
  { id: 'iss_aaaaaa1111', title: UNLABELLED },
  { id: 'iss_bbbbbb2222', title: UNLABELLED },
  { id: 'iss_cccccc3333', title: 'Card not arrived' },
];
const RANKS = new Map([
  ['iss_cccccc3333', 1],
  ['iss_bbbbbb2222', 2],
  ['iss_aaaaaa1111', 4],
]);
const SAMPLES = new Map([
  ['iss_aaaaaa1111', 'Zorblat quintex wuvver'],
  ['iss_bbbbbb2222', 'Plimsoll hagglethorpe krnd'],
  ['iss_cccccc3333', 'my card never came'],
]);

/** What chart.js hands a tooltip callback, as far as ours read it. */
const tooltipItem = (datasetIndex: number, dataIndex: number, label: string, y: number) =>
  ({ datasetIndex, dataIndex, dataset: { label }, parsed: { y } }) as unknown as TooltipItem<
    'line' | 'bar'
  >;

describe('issues with one title, in the charts', () => {
  it('finds the titles two drawn issues share, and only those', () => {
    expect([...alikeTitleIds(DRAWN)].sort()).toEqual(['iss_aaaaaa1111', 'iss_bbbbbb2222']);
    // The same issue drawn twice is no namesake of itself.
    expect(alikeTitleIds([DRAWN[0], DRAWN[0]] as typeof DRAWN).size).toBe(0);
  });

  it("names each by its rank, or its id's end once the ranking no longer holds it", () => {
    const names = issueNames(DRAWN, RANKS, SAMPLES, en.t);
    expect(DRAWN.map((issue) => names.name(issue))).toEqual([
      'Unlabelled issue · rank 4',
      'Unlabelled issue · rank 2',
      'Card not arrived',
    ]);
    expect(names.sample('iss_cccccc3333')).toBeUndefined();
    const unranked = issueNames(DRAWN, new Map(), SAMPLES, i18n('zh-CN').t);
    expect(unranked.name(DRAWN[0] as (typeof DRAWN)[number])).toBe('Unlabelled issue · aa1111');
    expect(issueNames(DRAWN, RANKS, new Map(), i18n('zh-CN').t).name(DRAWN[1] as never)).toBe(
      'Unlabelled issue · 第 2 名',
    );
  });

  it("gives the trend's lines different legend labels and each tooltip line its own issue's words", () => {
    const trend = {
      buckets: ['2026-11-16', '2026-11-23'],
      series: DRAWN.map((issue, i) => ({
        issueId: issue.id,
        title: issue.title,
        times_heard: [i + 1, 2 * i],
      })),
    };
    const config = trendConfig(trend, 'week', en, issueNames(DRAWN, RANKS, SAMPLES, en.t));
    const labels = config.data.datasets.map((dataset) => dataset.label);
    expect(labels).toEqual([
      'Unlabelled issue · rank 4',
      'Unlabelled issue · rank 2',
      'Card not arrived',
    ]);
    const callbacks = config.options?.plugins?.tooltip?.callbacks;
    const lines = labels.map((label, i) => {
      const item = tooltipItem(i, 0, label ?? '', i + 1) as TooltipItem<'line'>;
      return [
        callbacks?.label?.call(undefined as never, item),
        callbacks?.afterLabel?.call(undefined as never, item),
      ];
    });
    expect(lines).toEqual([
      ['Unlabelled issue · rank 4: 1', '“Zorblat quintex wuvver”'],
      ['Unlabelled issue · rank 2: 2', '“Plimsoll hagglethorpe krnd”'],
      // A title no other line has needs no words: the tooltip stays short.
      ['Card not arrived: 3', ''],
    ]);
    expect(trendSummary(trend, en, issueNames(DRAWN, RANKS, SAMPLES, en.t))).toBe(
      'Unlabelled issue · rank 4: 1; Unlabelled issue · rank 2: 4; Card not arrived: 7',
    );
  });

  it('gives two Pareto bars of one title each its own rank and words in the tooltip', () => {
    const result = pareto([
      { id: 'iss_cccccc3333', value: 9 },
      { id: 'iss_bbbbbb2222', value: 5 },
      { id: 'iss_aaaaaa1111', value: 3 },
    ]);
    const titles = new Map(DRAWN.map((issue) => [issue.id, issue.title]));
    const config = paretoConfig(
      result,
      titles,
      en,
      'contacts',
      '',
      issueNames(DRAWN, RANKS, SAMPLES, en.t),
    );
    const callbacks = config.options?.plugins?.tooltip?.callbacks;
    const tooltip = (bar: number) => {
      const items = [tooltipItem(1, bar, 'Contacts', 0)];
      return [
        callbacks?.title?.call(undefined as never, items as never),
        callbacks?.afterTitle?.call(undefined as never, items as never),
      ];
    };
    expect([0, 1, 2].map(tooltip)).toEqual([
      ['Card not arrived', ''],
      ['Unlabelled issue · rank 2', '“Plimsoll hagglethorpe krnd”'],
      ['Unlabelled issue · rank 4', '“Zorblat quintex wuvver”'],
    ]);
  });
});
