/** Roughly how wide a character is against the font size: CJK and full-width are square, Latin about half. */
function widthOf(char: string): number {
  return /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff00-\uffef]/u.test(
    char,
  )
    ? 1
    : 0.58;
}

/**
 * Splits a label into lines that fit `width` pixels at `fontSize`, never dropping a character:
 * Latin text breaks between words (a word longer than a line is split), CJK text between any two
 * characters, as a reader of either expects. SVG has no text wrapping, so the chart code places
 * each line itself.
 */
export function wrapLabel(text: string, width: number, fontSize: number): string[] {
  const room = width / fontSize;
  const lines: string[] = [];
  let line = '';
  let used = 0;
  // Words and single CJK characters, each with the space that followed it.
  const pieces =
    text.match(
      /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]|[^\s\p{Script=Han}\u3000-\u303f\uff00-\uffef]+|\s+/gu,
    ) ?? [];
  for (const piece of pieces) {
    if (/^\s+$/.test(piece)) {
      if (line !== '') {
        line += ' ';
        used += widthOf(' ');
      }
      continue;
    }
    const size = Array.from(piece).reduce((sum, c) => sum + widthOf(c), 0);
    if (used + size > room && line.trim() !== '') {
      lines.push(line.trimEnd());
      line = '';
      used = 0;
    }
    if (size <= room) {
      line += piece;
      used += size;
      continue;
    }
    // A single word wider than a whole line: split it by characters.
    for (const char of Array.from(piece)) {
      if (used + widthOf(char) > room && line !== '') {
        lines.push(line);
        line = '';
        used = 0;
      }
      line += char;
      used += widthOf(char);
    }
  }
  if (line.trim() !== '') lines.push(line.trimEnd());
  return lines;
}
