/**
 * Time to an interactive insights view over 5,000 issues and 1,000,000 items: a real `wocas serve`
 * on loopback, Debian's Chromium driven by playwright-core, a fresh page each run. Prints the time
 * from navigation to the ranked table's first row being clickable, and the ranking call alone.
 *
 *   npm run bench:render [-- --items 1000000 --issues 5000 --runs 5]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openAggregator } from '../src/server/aggregator.js';
import { browserAvailability, launchBrowser } from '../tests/e2e/support/browser.js';
import { fillBigDatabase } from './big-database.js';
import { WOCAS_BIN, startServeProcess } from './serve-process.js';

const { values } = parseArgs({
  options: {
    items: { type: 'string', default: '1000000' },
    issues: { type: 'string', default: '5000' },
    runs: { type: 'string', default: '5' },
  },
});
const dir = mkdtempSync(join(tmpdir(), 'wocas-render-'));
const db = join(dir, 'wocas.db');

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

try {
  const { available, reason } = browserAvailability();
  if (!available) throw new Error(reason);
  const now = Date.now();
  const aggregator = await openAggregator({ db });
  await fillBigDatabase(aggregator.storage, Number(values.items), Number(values.issues), now);
  await aggregator.close();
  const token = execFileSync(
    process.execPath,
    [WOCAS_BIN, 'token', 'create', '--db', db, '--name', 'bench', '--role', 'analyst'],
    { encoding: 'utf8' },
  ).trim();
  const server = await startServeProcess(['--db', db]);
  const browser = await launchBrowser();
  try {
    const interactive: number[] = [];
    const ranking: number[] = [];
    for (let run = 0; run < Number(values.runs); run++) {
      const t = performance.now();
      const response = await fetch(`${server.url}/api/v1/call/issues.rank`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ from: new Date(now - 28 * 86_400_000).toISOString().slice(0, 10) }),
      });
      await response.json();
      ranking.push(performance.now() - t);

      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      const started = performance.now();
      await page.goto(`${server.url}/#token=${token}`);
      const firstRow = page.locator('main table tbody tr').first();
      await firstRow.waitFor({ state: 'visible', timeout: 30_000 });
      await firstRow.locator('button, a, input').first().click({ trial: true, timeout: 30_000 });
      interactive.push(performance.now() - started);
      await page.close();
    }
    const issues = Number(values.issues).toLocaleString('en');
    console.log(
      `insights view over ${Number(values.items).toLocaleString('en')} items and ${issues} issues (median of ${values.runs} fresh pages):`,
    );
    console.log(
      `  navigation → first ranked row clickable: ${Math.round(median(interactive))} ms (runs: ${interactive.map(Math.round).join(', ')})`,
    );
    console.log(`  issues.rank call alone (28 days):        ${Math.round(median(ranking))} ms`);
  } finally {
    await browser.close();
    server.child.kill('SIGTERM');
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
