import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { PdfUnavailableError } from './pdf-unavailable-error.js';

/** The distribution's Chromium, which prints PDFs (and which the browser tests drive too). */
export const CHROMIUM = process.env.WOCAS_CHROMIUM ?? '/usr/bin/chromium';
/** What a closed network needs: no background calls home, no GPU, root sandbox off. */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export { PdfUnavailableError };

/** Prints the HTML report to an A4 PDF with headless Chromium (the page runs no scripts). */
export async function renderPdf(html: string): Promise<Buffer> {
  if (!existsSync(CHROMIUM)) {
    throw new PdfUnavailableError(
      `PDF export needs Chromium, not found at ${CHROMIUM}: install it (Debian/Ubuntu: apt-get install chromium fonts-noto-cjk) or set WOCAS_CHROMIUM; or export html and print it`,
    );
  }
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
  try {
    const page = await browser.newPage({ javaScriptEnabled: false });
    await page.setContent(html, { waitUntil: 'load' });
    return await page.pdf({
      format: 'A4',
      printBackground: true,
      margin: { top: '14mm', bottom: '14mm', left: '12mm', right: '12mm' },
    });
  } finally {
    await browser.close();
  }
}
