import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { safeCell } from './cell-safety.js';
import { csvDocument } from './csv-document.js';

/** What a spreadsheet would run: a formula start after spaces, full-width forms folded. */
const RUNNABLE = /^[ \u00a0]*[=+\-@\t\r]/;
const NUMBER = /^[+-]?\d+(?:[.,]\d+)?$/;
const runnable = (cell: string) =>
  RUNNABLE.test(cell.normalize('NFKC')) && !NUMBER.test(cell.trim());

const HOSTILE = [
  "=cmd|' /C calc'!A0",
  "Parcel lost;=2+5+cmd|' /C calc'!A0",
  "Parcel lost,=2+5+cmd|' /C calc'!A0",
  "Parcel lost\t=2+5+cmd|' /C calc'!A0",
  '＝1+1',
  '＋1+cmd',
  '＠SUM(A1)',
  '－1+1',
  ' =1+1',
  '\u00a0@SUM(A1)',
  '包裹丢了;＝HYPERLINK("http://evil")',
];

describe('safeCell', () => {
  it.each(HOSTILE.filter((cell) => !/[;,\t]/.test(cell)))('neutralises %j', (cell) => {
    expect(safeCell(cell)).toBe(`'${cell}`);
  });

  it('leaves numbers, ordinary text and full-width text that is not a formula alone', () => {
    for (const cell of ['-12', '+3.5', '1,5', 'parcel late', '快递没到', 'ＡＴＭ１２', '1+1=2']) {
      expect(safeCell(cell)).toBe(cell);
    }
  });
});

describe('csvDocument', () => {
  const document = csvDocument([['title', 'contacts'], ...HOSTILE.map((cell, i) => [cell, i])]);

  // Excel splits at its list separator: `,` in English locales, `;` in most of Europe, and a
  // tab-separated reading is one paste away. No reading may yield a runnable cell.
  it.each([',', ';', '\t'])(
    'yields no runnable cell when read with %j as the separator',
    (delimiter) => {
      // relax_quotes reads a quoted cell as Excel does when the separator differs: whole.
      const rows: string[][] = parse(document, {
        bom: true,
        delimiter,
        relax_column_count: true,
        relax_quotes: true,
      });
      expect(rows.length).toBe(HOSTILE.length + 1);
      const cells = rows.flat();
      expect(cells.filter(runnable)).toEqual([]);
    },
  );

  it('keeps each hostile text whole, behind one apostrophe where it needs one', () => {
    const rows: string[][] = parse(document, { bom: true });
    expect(rows.slice(1).map((row) => row[0])).toEqual(
      HOSTILE.map((cell) => String(safeCell(cell))),
    );
    expect(rows[2]?.[0]).toBe("Parcel lost;=2+5+cmd|' /C calc'!A0");
  });
});
