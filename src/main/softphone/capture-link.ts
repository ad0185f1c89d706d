import { type PrefillResult, fieldsOf, parsePrefill } from './prefill.js';

export const LINK_SCHEME = 'wocas';
/** Longer than any real link; a longer one is refused before it is parsed. */
const MAX_LINK_LENGTH = 16_384;

/**
 * Reads a `wocas://capture?contact=…&queue=…&channel=…&text=…` link (what a softphone opens on call
 * end) into a pre-fill. Only the `capture` action exists; Windows may add a slash before the query.
 */
export function parseCaptureLink(link: string): PrefillResult {
  if (link.length > MAX_LINK_LENGTH) return { ok: false, message: 'the link is too long' };
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return { ok: false, message: 'not a link' };
  }
  if (url.protocol !== `${LINK_SCHEME}:`)
    return { ok: false, message: `not a ${LINK_SCHEME}:// link` };
  const action = `${url.hostname}${url.pathname}`.replace(/\/+$/, '').toLowerCase();
  if (action !== 'capture')
    return {
      ok: false,
      message: `unknown action "${action}": only ${LINK_SCHEME}://capture exists`,
    };
  const fields = fieldsOf(url.searchParams);
  if (typeof fields === 'string') return { ok: false, message: fields };
  return parsePrefill(fields, 'link');
}

/**
 * The capture link among a process's arguments: how Windows and Linux hand a clicked link to the app
 * (at launch, or to the running instance through `second-instance`). macOS uses `open-url` instead.
 */
export function findCaptureLink(argv: readonly string[]): string | undefined {
  return argv.find((arg) => arg.toLowerCase().startsWith(`${LINK_SCHEME}://`));
}
