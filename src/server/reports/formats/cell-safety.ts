/**
 * A spreadsheet cell that cannot be a formula: text starting with = + - @ tab or CR gets a leading
 * apostrophe (the convention spreadsheet users recognise), unless the whole cell is a number.
 * Applied to every text cell of CSV and XLSX exports, since verbatims are hostile input.
 */
export function safeCell(value: string | number | null | undefined): string | number {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return value;
  if (/^[=+\-@\t\r]/.test(value) && !/^[+-]?\d+(?:[.,]\d+)?$/.test(value.trim())) return `'${value}`;
  return value;
}
