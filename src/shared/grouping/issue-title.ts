const MAX_TITLE_LENGTH = 90;

/**
 * A readable issue title from a verbatim: its first sentence, cut at a word boundary (or, for
 * scripts without spaces, at a character) with an ellipsis when it is long.
 */
export function titleFromVerbatim(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  // A Latin full stop ends a sentence only before a space ("v2.1" does not); a CJK one always does.
  const sentence = /^(?:.{12,}?[.!?](?=\s|$)|.{4,}?[。！？])/u.exec(flat)?.[0] ?? flat;
  const chars = Array.from(sentence);
  if (chars.length <= MAX_TITLE_LENGTH) return sentence;
  const cut = chars.slice(0, MAX_TITLE_LENGTH - 1).join('');
  const space = cut.lastIndexOf(' ');
  return `${space > MAX_TITLE_LENGTH / 2 ? cut.slice(0, space) : cut}…`;
}
