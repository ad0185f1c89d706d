import { create } from 'zustand';
import { fillPlaceholders, messageLocale } from '../../shared/i18n/translate.js';
import { CATALOGS, LOCALES, type Locale, type MessageKey } from './catalogs.js';

const STORAGE_KEY = 'wocas.locale';

/** The system language when WOCAS speaks it (any zh-* but Traditional → zh-CN), else English. */
export function systemLocale(languages: readonly string[] = navigator.languages): Locale {
  for (const tag of languages) {
    const lower = tag.toLowerCase();
    if (lower.startsWith('zh') && !/(hant|tw|hk|mo)/.test(lower)) return 'zh-CN';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}

function initialLocale(): Locale {
  const saved = localStorage.getItem(STORAGE_KEY);
  return (LOCALES as readonly string[]).includes(saved ?? '') ? (saved as Locale) : systemLocale();
}

interface I18nState {
  locale: Locale;
  setLocale: (locale: Locale) => void;
}

export const useI18nStore = create<I18nState>((set) => ({
  locale: initialLocale(),
  setLocale: (locale) => {
    localStorage.setItem(STORAGE_KEY, locale);
    document.documentElement.lang = locale;
    set({ locale });
  },
}));

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

export interface I18n {
  locale: Locale;
  t: Translate;
  number: (value: number) => string;
  percent: (value: number) => string;
  /** An amount of money with cents, without its currency (the currency is said beside it). */
  money: (value: number) => string;
  date: (iso: string) => string;
  dateTime: (iso: string) => string;
}

/** Translation and locale formatting for components; re-renders them when the language changes. */
export function useI18n(): I18n {
  const locale = useI18nStore((state) => state.locale);
  return i18nFor(locale);
}

const cache = new Map<Locale, I18n>();

export function i18nFor(locale: Locale): I18n {
  const cached = cache.get(locale);
  if (cached) return cached;
  const catalog = CATALOGS[locale];
  const message = messageLocale(locale);
  const numbers = message.numbers;
  const percents = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  const moneys = new Intl.NumberFormat(locale, {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  });
  const dates = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
  const dateTimes = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const i18n: I18n = {
    locale,
    t: (key, values) => fillPlaceholders(catalog[key], values, message),
    number: (value) => numbers.format(value),
    percent: (value) => percents.format(value),
    money: (value) => moneys.format(value),
    date: (iso) => dates.format(new Date(iso)),
    dateTime: (iso) => dateTimes.format(new Date(iso)),
  };
  cache.set(locale, i18n);
  return i18n;
}
