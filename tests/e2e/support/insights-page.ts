import type { Browser, Page } from 'playwright-core';
import type { Pareto } from '../../../src/shared/ranking/pareto.js';

const DAY = 86_400_000;

/** The fixture's items are dated 2026-11-02..22: a window that holds them all, as the UI's date inputs take it. */
export const FROM = '2026-11-01';
export const TO = '2026-11-23';
/** The same window as the server reads it (a date-only `to` is the whole of that day). */
export const WINDOW = {
  from: Date.parse(`${FROM}T00:00:00Z`),
  to: Date.parse(`${TO}T00:00:00Z`) + DAY,
};
/** The browser's pinned clock, so "the last 28 days" and "this week" do not depend on when tests run. */
export const BROWSER_NOW = new Date('2026-11-23T12:00:00Z');

export const percent = new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 0 });
export const count = new Intl.NumberFormat('en');

/** What a page did that a test may want to refuse: alert() calls and uncaught errors. */
export interface PageEvents {
  dialogs: string[];
  errors: string[];
}

export async function openPage(
  browser: Browser,
  link: string,
  options: { locale: string; now: Date; events: PageEvents; timeZone?: string },
): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    locale: options.locale,
    timezoneId: options.timeZone ?? 'UTC',
  });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  await page.clock.setFixedTime(options.now);
  page.on('dialog', (dialog) => {
    options.events.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('pageerror', (error) => options.events.errors.push(error.message));
  await page.goto(link);
  return page;
}

export async function setWindow(
  page: Page,
  from: string,
  to: string,
  labels = { from: 'From', to: 'To' },
) {
  await page.getByLabel(labels.from, { exact: true }).fill(from);
  await page.getByLabel(labels.to, { exact: true }).fill(to);
}

/** Issue ids of the rendered table rows, top to bottom. */
export async function rowIds(page: Page): Promise<string[]> {
  const rows = await page.locator('table.issues tbody tr').all();
  return Promise.all(rows.map(async (row) => (await row.getAttribute('data-issue-id')) ?? ''));
}

/** The English Pareto sentence the UI should show for a result. */
export function paretoSentence(result: Pareto): string {
  const one = result.vitalFew === 1;
  return `${count.format(result.vitalFew)} ${one ? 'issue' : 'issues'} (${percent.format(result.vitalFewShare)} of issues) ${one ? 'drives' : 'drive'} 80% of contacts`;
}
