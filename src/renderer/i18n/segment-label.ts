import type { MessageKey } from './catalogs.js';
import type { Translate } from './i18n.js';

const KNOWN: Record<string, MessageKey> = {
  new: 'segment.new',
  returning: 'segment.returning',
  high_value: 'segment.high_value',
  at_risk: 'segment.at_risk',
};

/** A customer segment in words: the known codes translated, a team's own free-text segment as typed. */
export function segmentLabel(t: Translate, code: string): string {
  const key = Object.hasOwn(KNOWN, code) ? KNOWN[code] : undefined;
  return key ? t(key) : code;
}
