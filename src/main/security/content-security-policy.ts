/**
 * The renderer's Content-Security-Policy, sent as a header with every app:// response. Scripts,
 * styles and images come from the app's own files only; no inline script, no eval, no network
 * (the UI talks to the main process over IPC, never over HTTP), no frames, no plugins, no forms.
 * `data:` images cover the empty favicon; React sets styles through the CSSOM, which CSP allows.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "frame-src 'none'",
  "object-src 'none'",
  "worker-src 'none'",
].join('; ');

/** Headers on every response of the app:// scheme. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'cross-origin-opener-policy': 'same-origin',
  'referrer-policy': 'no-referrer',
};
