import { normalizeText, UNSPACED_SCRIPTS } from './normalize.js';
import { redact } from './redact.js';

// A letter, mark, digit or apostrophe of a spaced script: what a spaced word is made of in
// tokenize.ts. A number glued to one ("iphone15", "4g") is part of a word and a term there.
const SPACED_WORD_CHAR = `[[\\p{L}\\p{M}\\p{N}']--[${UNSPACED_SCRIPTS}]]`;
// A number standing alone. tokenize() never makes a term of one, so dropping it loses no match.
const LONE_NUMBER = new RegExp(`(?<!${SPACED_WORD_CHAR})\\p{N}+(?!${SPACED_WORD_CHAR})`, 'gv');
// An e-mail address still being typed ("amy.wong@exa"), which redact() cannot know yet. The
// look-behind lets a match start only where such a run starts, so the scan stays linear.
const ADDRESS_CHAR = '[\\w.%+\\-\\u00C0-\\u024F\\u0370-\\u04FF]';
const PARTIAL_EMAIL = new RegExp(`(?<!${ADDRESS_CHAR})${ADDRESS_CHAR}*@${ADDRESS_CHAR}*`, 'g');

/**
 * What of a verbatim being typed may leave the agent's client to look for similar issues
 * (`issues.suggest`), and what the aggregator matches on: the text redacted by the same rule as
 * every stored item (full-width digits and `＠` from Chinese IMEs included), then folded
 * (`normalizeText`, as tokenize() folds it) and stripped of the two things redaction cannot yet
 * recognise while the agent is still typing them: a number (`1380013` on the way to a mobile,
 * the first groups of a card) and an e-mail address without its domain. Neither says anything
 * about the issue: numbers are never terms and placeholders are skipped, so the terms are exactly
 * those of the redacted verbatim.
 */
export function suggestionQuery(text: string): string {
  let query = normalizeText(redact(text).text);
  if (query.includes('@')) query = query.replace(PARTIAL_EMAIL, ' ');
  return query.replace(LONE_NUMBER, ' ').replace(/ {2,}/g, ' ').trim();
}
