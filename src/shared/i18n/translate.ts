/** Fills `{name}` placeholders; numbers are formatted for the locale, unknown names left visible. */
export function fillPlaceholders(
  template: string,
  values: Record<string, string | number> | undefined,
  numbers: Intl.NumberFormat,
): string {
  if (!values) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = values[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? numbers.format(value) : value;
  });
}
