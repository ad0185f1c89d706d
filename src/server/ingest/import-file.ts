import type { IncomingItem } from '../../shared/domain/feedback-item.js';
import { parseImportRow } from './import-row.js';
import type { Ingestor } from './ingestor.js';
import { readFeedbackFile } from './read-feedback-file.js';

export interface ImportSummary {
  imported: number;
  duplicates: number;
  rejected: number;
}

export interface ImportHooks {
  now?: () => number;
  onRejected?: (line: number, reason: string) => void;
  onUnknownColumns?: (columns: string[]) => void;
  onProgress?: (done: number, total: number) => void;
}

/** Rows per transaction: large enough to amortise the commit's fsync, small enough to show progress. */
const CHUNK = 5_000;

/** Imports a CSV or JSON Lines file through the ingest path; bad rows are reported, the rest go in. */
export async function importFile(
  ingestor: Ingestor,
  path: string,
  hooks: ImportHooks = {},
): Promise<ImportSummary> {
  const now = hooks.now ?? Date.now;
  const file = await readFeedbackFile(path);
  if (file.unknownColumns.length > 0) hooks.onUnknownColumns?.(file.unknownColumns);
  const summary: ImportSummary = { imported: 0, duplicates: 0, rejected: 0 };
  const reject = (line: number, reason: string) => {
    summary.rejected += 1;
    hooks.onRejected?.(line, reason);
  };
  for (const { line, error } of file.unreadable) reject(line, error);

  const valid: IncomingItem[] = [];
  const lines: number[] = [];
  for (const row of file.rows) {
    const result = parseImportRow(row.fields, row.source, now);
    if (result.ok) {
      valid.push(result.item);
      lines.push(row.line);
    } else {
      reject(row.line, result.error);
    }
  }
  for (let start = 0; start < valid.length; start += CHUNK) {
    const outcome = await ingestor.ingest(valid.slice(start, start + CHUNK));
    summary.imported += outcome.accepted.length;
    summary.duplicates += outcome.duplicates.length;
    for (const { index, error } of outcome.rejected) reject(lines[start + index] ?? 0, error);
    hooks.onProgress?.(Math.min(start + CHUNK, valid.length), valid.length);
  }
  return summary;
}
