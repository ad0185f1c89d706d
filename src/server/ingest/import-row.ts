import { createHash } from 'node:crypto';
import {
  type IncomingItem,
  describeValidationError,
  feedbackItemSchema,
} from '../../shared/domain/feedback-item.js';
import { heardAtProblem } from '../../shared/time/heard-at.js';
import { ITEM_FIELDS } from '../../shared/domain/item-fields.js';

export type RowResult = { ok: true; item: IncomingItem } | { ok: false; error: string };

const NUMERIC_FIELDS = new Set(['times_heard']);

/** CSV cells are all strings and empty cells mean "absent". */
function fromCsvCells(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    if (value === '' || value === undefined || value === null) continue;
    out[key] =
      NUMERIC_FIELDS.has(key) && typeof value === 'string' && /^\s*-?\d+\s*$/.test(value)
        ? Number(value)
        : value;
  }
  return out;
}

/**
 * A row without an id gets one derived from its content, so that importing the same file twice
 * adds nothing. Two rows alike in every field are one report.
 */
function contentId(row: Record<string, unknown>): string {
  const fields = ITEM_FIELDS.filter((field) => field !== 'id');
  const canonical = JSON.stringify(fields.map((field) => row[field] ?? null));
  return `imp-${createHash('sha256').update(canonical).digest('hex').slice(0, 32)}`;
}

/** Validates one import row; the clock supplies created_at when the row has none. */
export function parseImportRow(
  raw: Record<string, unknown>,
  source: 'csv' | 'jsonl',
  now: () => number,
): RowResult {
  const row = source === 'csv' ? fromCsvCells(raw) : raw;
  for (const [key, value] of Object.entries(row)) {
    if (typeof value === 'string' && value.includes('\uFFFD')) {
      return { ok: false, error: `${key}: is not valid UTF-8` };
    }
  }
  const parsed = feedbackItemSchema.safeParse(row);
  if (!parsed.success) return { ok: false, error: describeValidationError(parsed.error) };
  const item = parsed.data;
  const heardAt =
    item.created_at === undefined ? null : heardAtProblem(Date.parse(item.created_at), now());
  if (heardAt !== null) return { ok: false, error: `created_at: ${heardAt}` };
  return {
    ok: true,
    item: {
      ...item,
      id: item.id ?? contentId(row),
      created_at: item.created_at ?? new Date(now()).toISOString(),
    },
  };
}
