/**
 * The one rule for text that enters WOCAS (docs/input-rules.md). Text a person or program sends
 * is stored as it was meant to be read, minus what could not be stored or would mislead whoever
 * reads it later:
 *
 * - ANSI escape sequences, NUL and the other C0/C1 control characters except tab and line breaks
 *   are removed: PostgreSQL refuses NUL, and a control sequence printed by `wocas issues` would
 *   drive the operator's terminal. A lone CR becomes a line break (it would overwrite a line).
 * - Bidi embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069) are removed: they
 *   make the UI show text in an order other than the one stored. Marks (U+200E, U+200F) stay.
 * - Zero-width space, word joiner and byte-order mark are removed; joiners (U+200C, U+200D) stay,
 *   since Persian, Indic scripts and emoji need them.
 * - A lone surrogate is not text: no UTF-8 encoding of it exists, so it is refused, never repaired.
 *
 * Pure and idempotent: cleaning cleaned text changes nothing.
 */

// CSI (ESC [ or the C1 form) with parameters and a final byte; OSC up to BEL or ST; any other
// two-character escape. Then the controls themselves.
const ANSI_SEQUENCE =
  // eslint-disable-next-line no-control-regex
  /(?:\u001b\[|\u009b)[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[@-_]?/g;
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/g;
const INVISIBLE = /[\u200b\u2060\ufeff]/g;
/** CR LF and a lone CR: both become LF. */
const CARRIAGE_RETURN = /\r\n?/g;
const LONE_SURROGATE = /\p{Cs}/u;
/** Nothing a reader would see: whitespace and format characters only. */
const NOTHING_VISIBLE = /^[\s\p{Cf}]*$/u;

/** Anything one of the rules below removes or rewrites (most text holds none), built from them. */
const NEEDS_CLEANING = new RegExp(
  [ANSI_SEQUENCE, CARRIAGE_RETURN, CONTROLS, BIDI_CONTROLS, INVISIBLE]
    .map((rule) => rule.source)
    .join('|'),
);

export function cleanText(text: string): string {
  if (!NEEDS_CLEANING.test(text)) return text;
  return text
    .replace(ANSI_SEQUENCE, '')
    .replace(CARRIAGE_RETURN, '\n')
    .replace(CONTROLS, '')
    .replace(BIDI_CONTROLS, '')
    .replace(INVISIBLE, '');
}

/** Why this text can never be stored, or null. */
export function unstorableReason(text: string): string | null {
  return LONE_SURROGATE.test(text) ? 'holds a lone surrogate (not valid Unicode)' : null;
}

/** True when cleaned text shows nothing: empty, spaces, or zero-width characters only. */
export function isBlank(text: string): boolean {
  return NOTHING_VISIBLE.test(text);
}

/**
 * Why a lookup value (a query parameter, an id, a filter) cannot name anything stored, or null.
 * Lookups are not cleaned: quietly changing what someone asked for would answer another question.
 */
export function lookupProblem(text: string): string | null {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f]/.test(text)) return 'holds a control character';
  return unstorableReason(text);
}
