/** PDF export needs Chromium and it is not installed; in its own module so checking for it loads no browser driver. */
export class PdfUnavailableError extends Error {}
