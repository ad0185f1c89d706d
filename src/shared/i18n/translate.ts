/** What filling a message needs of its locale: how numbers are written and which plural form a number takes. */
export interface MessageLocale {
  numbers: Intl.NumberFormat;
  plurals: Intl.PluralRules;
}

export function messageLocale(locale: string): MessageLocale {
  return { numbers: new Intl.NumberFormat(locale), plurals: new Intl.PluralRules(locale) };
}

/** A placeholder, as it may appear inside a plural form too. */
const PLACEHOLDER = /\{(\w+)\}/g;
/** One form of a plural: `one {…}`, `other {…}` or an exact `=0 {…}`; its text may hold placeholders. */
const FORM = /\s*(=\d+|zero|one|two|few|many|other)\s*\{((?:[^{}]|\{\w+\})*)\}/g;
/** A whole plural: `{count, plural, one {# issue} other {# issues}}`. */
const PLURAL = new RegExp(
  String.raw`\{(\w+),\s*plural,((?:\s*(?:=\d+|zero|one|two|few|many|other)\s*\{(?:[^{}]|\{\w+\})*\})+)\s*\}`,
  'g',
);

/**
 * Fills a message. `{name}` is a value, a number written for the locale; an unknown name stays
 * visible. `{name, plural, one {…} other {…}}` picks the form the number `name` takes in the
 * locale (Intl.PluralRules: English has one and other, Chinese only other), an exact `=N {…}`
 * first; `#` in a form is the number. This is the plural part of ICU MessageFormat, enough for
 * the catalogues and readable by any translator who knows ICU; the rules themselves are the
 * runtime's, not ours. Without the number, or without a form for it, the plural stays visible.
 */
export function fillPlaceholders(
  template: string,
  values: Record<string, string | number> | undefined,
  locale: MessageLocale,
): string {
  if (!values) return template;
  const chosen = template.replace(PLURAL, (whole, name: string, forms: string) => {
    const value = values[name];
    if (typeof value !== 'number') return whole;
    const byForm = new Map([...forms.matchAll(FORM)].map((m) => [m[1] ?? '', m[2] ?? '']));
    const form =
      byForm.get(`=${value}`) ?? byForm.get(locale.plurals.select(value)) ?? byForm.get('other');
    return form === undefined ? whole : form.replaceAll('#', locale.numbers.format(value));
  });
  return chosen.replace(PLACEHOLDER, (whole, name: string) => {
    const value = values[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? locale.numbers.format(value) : value;
  });
}
