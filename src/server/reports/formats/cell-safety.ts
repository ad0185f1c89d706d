/**
 * A spreadsheet cell that cannot be a formula: text starting with = + - @ tab or CR gets a leading
 * apostrophe (the convention spreadsheet users recognise), unless the whole cell is a number.
 * Applied to every text cell of CSV and XLSX exports, since verbatims are hostile input.
 *
 * The start is read as a spreadsheet would: after leading spaces (some programs trim them) and
 * with full-width forms folded (`＝1+1` from a Chinese or Japanese input method is a formula to a
 * spreadsheet that folds width on entry). A cell that splits into several under another
 * separator (`Parcel lost;=2+5+cmd|…` in a `;` locale) is handled by quoting: see csvDocument.
 */
export function safeCell(value: string | number | null | undefined): string | number {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return value;
  const start = value
    .slice(0, 64)
    .normalize('NFKC')
    .replace(/^[ \u00a0]+/, '');
  if (/^[=+\-@\t\r\n]/.test(start) && !/^[+-]?\d+(?:[.,]\d+)?$/.test(value.trim()))
    return `'${value}`;
  return value;
}
