import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parse } from 'csv-parse/sync';
import { ITEM_FIELDS } from '../../shared/domain/item-fields.js';

export interface FileRow {
  /** 1-based line of the file where the row starts. */
  line: number;
  fields: Record<string, unknown>;
  source: 'csv' | 'jsonl';
}

export interface FeedbackFile {
  rows: FileRow[];
  /** Rows that could not even be read as a record (bad JSON), with their reason. */
  unreadable: { line: number; error: string }[];
  /** CSV columns WOCAS does not know, ignored. */
  unknownColumns: string[];
}

export const KNOWN_FIELDS: ReadonlySet<string> = new Set(ITEM_FIELDS);

/**
 * Reads a CSV (header row) or JSON Lines file. Bytes that are not UTF-8 become U+FFFD so that one
 * broken row is rejected on its own instead of sinking the whole file.
 */
export async function readFeedbackFile(path: string): Promise<FeedbackFile> {
  const text = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false }).decode(
    await readFile(path),
  );
  return extname(path).toLowerCase() === '.jsonl' || extname(path).toLowerCase() === '.ndjson'
    ? readJsonLines(text)
    : readCsv(text);
}

/** Why csv-parse could not read a record, in words that quote nothing of the record itself. */
const CSV_PROBLEMS: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'a quoted field is never closed, so the rest of the file could not be read',
  CSV_INVALID_CLOSING_QUOTE: 'a quoted field has text after its closing quote',
  CSV_RECORD_INCONSISTENT_FIELDS_LENGTH: 'the row has a different number of fields than the header',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'a quoted field has text after its closing quote',
};

interface CsvProblem {
  code?: string | undefined;
  lines?: number | undefined;
}

/**
 * A stray quote inside a field (`said "hi"`) is read as the quote it is (relax_quotes); a record
 * csv-parse still cannot read is skipped and reported by its line and csv-parse's error code alone.
 * csv-parse's own messages quote the record, and a record may hold a card number not yet redacted.
 */
function readCsv(text: string): FeedbackFile {
  const skipped: CsvProblem[] = [];
  let records: { record: Record<string, string>; info: { lines: number }; raw: string }[];
  try {
    records = parse<{ record: Record<string, string>; info: { lines: number }; raw: string }>(
      text,
      {
        columns: (header: string[]) => header.map((name) => name.trim().toLowerCase()),
        bom: true,
        info: true,
        raw: true,
        skip_empty_lines: true,
        relax_column_count: true,
        relax_quotes: true,
        skip_records_with_error: true,
        on_skip: (error) => {
          skipped.push({ code: error?.code, lines: (error as CsvProblem | undefined)?.lines });
          return undefined;
        },
      },
    );
  } catch (error) {
    const { code, lines } = error as CsvProblem;
    throw new Error(
      `cannot read the CSV${lines === undefined ? '' : ` at line ${lines}`}: ${(code !== undefined && CSV_PROBLEMS[code]) || code || 'malformed'}`,
    );
  }
  const columns = records[0] ? Object.keys(records[0].record) : [];
  if (records.length > 0 && !columns.includes('text')) {
    throw new Error(`the CSV has no "text" column (columns: ${columns.join(', ')})`);
  }
  const rows = records.map(({ record, info, raw }) => {
    const fields: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(record))
      if (KNOWN_FIELDS.has(key)) fields[key] = value;
    // csv-parse counts lines to the end of a record; a quoted field may span several.
    const innerBreaks = raw.replace(/\r?\n$/, '').split('\n').length - 1;
    return { line: info.lines - innerBreaks, fields, source: 'csv' as const };
  });
  const unreadable = skipped.map(({ code, lines }) => ({
    line: lines ?? 0,
    error:
      (code !== undefined && CSV_PROBLEMS[code]) ||
      `unreadable CSV record (${code ?? 'unknown error'})`,
  }));
  return { rows, unreadable, unknownColumns: columns.filter((c) => !KNOWN_FIELDS.has(c)) };
}

function readJsonLines(text: string): FeedbackFile {
  const rows: FileRow[] = [];
  const unreadable: FeedbackFile['unreadable'] = [];
  text.split(/\r?\n/).forEach((lineText, index) => {
    if (lineText.trim() === '') return;
    const line = index + 1;
    try {
      const value: unknown = JSON.parse(lineText);
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        unreadable.push({ line, error: 'is not a JSON object' });
      } else {
        rows.push({ line, fields: value as Record<string, unknown>, source: 'jsonl' });
      }
    } catch (error) {
      unreadable.push({ line, error: invalidJsonReason(error as Error) });
    }
  });
  return { rows, unreadable, unknownColumns: [] };
}

/**
 * Why a line is not JSON, by position only: V8's messages quote the line around the fault
 * (`"call 07700900123 now" is not valid JSON`), and a row not yet redacted may hold a number.
 */
function invalidJsonReason(error: Error): string {
  const position = /at position (\d+)/.exec(error.message)?.[1];
  return position === undefined
    ? 'invalid JSON'
    : `invalid JSON at character ${Number(position) + 1}`;
}
