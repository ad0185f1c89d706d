import { stringify } from 'csv-stringify/sync';
import { safeCell } from './cell-safety.js';

/**
 * Rows as a CSV file for spreadsheets: UTF-8 with a BOM (Excel reads it as UTF-8), CRLF, every
 * cell made safe, and every text cell quoted. Quoting is what keeps `Parcel lost;=2+5+cmd|…` one
 * cell where Excel's list separator is `;` (most of Europe): unquoted, it splits at the `;` and
 * the second half starts with `=`; quoted, every reader keeps it whole whatever its separator.
 */
export function csvDocument(
  rows: readonly (readonly (string | number | null | undefined)[])[],
): string {
  const safe = rows.map((row) => row.map(safeCell));
  return `\uFEFF${stringify(safe, { record_delimiter: 'windows', quoted_string: true })}`;
}
