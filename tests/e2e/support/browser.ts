import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_FLAGS } from '../../../src/server/reports/formats/pdf.js';

export { CHROMIUM, CHROMIUM_FLAGS };

/**
 * Whether browser tests can run. Without Chromium they are skipped with a reason on a user's
 * machine; under CI=true a missing Chromium is a failure, never a silent skip.
 */
export function browserAvailability(): { available: boolean; reason: string } {
  if (existsSync(CHROMIUM)) return { available: true, reason: '' };
  const reason = `Chromium not found at ${CHROMIUM}: install it (apt-get install -y chromium) or set WOCAS_CHROMIUM`;
  if (process.env.CI === 'true') throw new Error(`${reason} (CI must run the browser tests)`);
  return { available: false, reason };
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
}
