/** The most of a sample an option or a line shows: enough to tell two issues apart. */
const SAMPLE_CHARS = 70;

/** A sample cut to one line's worth, on a character boundary (never half a surrogate pair). */
export function shortSample(text: string): string {
  const chars = Array.from(text.replace(/\s+/g, ' ').trim());
  return chars.length <= SAMPLE_CHARS
    ? chars.join('')
    : `${chars.slice(0, SAMPLE_CHARS).join('')}…`;
}
