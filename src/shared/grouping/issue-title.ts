const MAX_TITLE_LENGTH = 90;

/**
 * A readable issue title from a verbatim: its first sentence, cut at a word boundary (or, for
 * scripts without spaces, at a character) with an ellipsis when it is long.
 */
export function titleFromVerbatim(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const sentence = /^(.{12,}?[.!?。！？])(?:\s|$)/u.exec(flat)?.[1] ?? flat;
  const chars = Array.from(sentence);
  if (chars.length <= MAX_TITLE_LENGTH) return sentence;
  const cut = chars.slice(0, MAX_TITLE_LENGTH - 1).join('');
  const space = cut.lastIndexOf(' ');
  return `${space > MAX_TITLE_LENGTH / 2 ? cut.slice(0, space) : cut}…`;
}
