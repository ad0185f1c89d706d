import { sql } from 'kysely';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changes } from '../../src/server/storage/sql.js';
import type { Suggestion } from '../../src/shared/api/contract.js';
import { browserAvailability, launchBrowser } from './support/browser.js';
import { type UiServer, startUiServer } from './support/ui-server.js';

const { available, reason } = browserAvailability();

const PARCEL = [
  'parcel lost at the courier depot',
  'courier depot lost my parcel',
  'the parcel was lost by the courier at the depot',
];
const REFUND = [
  'refund payment missing from statement',
  'refund payment still missing',
  'the refund payment is missing again',
];
/** Words of both problems: both issues are suggested for it. */
const TYPED = 'Parcel lost at the courier depot and the refund payment is missing';
/** One customer's word, in the typed text and in the parcel issue's items, used by no other item. */
const OWN_WORD = 'zanzibarstreet';

const tokenOf = (link: string) => link.split('#token=')[1] ?? '';

/**
 * Two suggestions can carry one title ('Unlabelled issue', or one label): the capture panel says
 * which of the agent's own typed words each holds, never another customer's verbatim.
 */
describe.skipIf(!available)(
  `alike suggestions told apart in a real browser${available ? '' : ` — skipped: ${reason}`}`,
  () => {
    let server: UiServer;
    let browser: Browser;
    let parcel: string;
    let refund: string;

    beforeAll(async () => {
      server = await startUiServer();
      browser = await launchBrowser();
      const texts = [...PARCEL, `${PARCEL[0]} on ${OWN_WORD}`, ...REFUND];
      const outcome = await server.aggregator.ingestor.ingest(
        texts.map((text, i) => ({
          id: `alike-${i}`,
          text,
          channel: 'phone',
          team: 'support',
          agent: 'amy',
          created_at: '2026-11-18T09:00:00.000Z',
          times_heard: 1,
        })),
      );
      parcel = outcome.issues['alike-0'] as string;
      refund = outcome.issues[`alike-${PARCEL.length + 1}`] as string;
      expect(new Set(Object.values(outcome.issues))).toEqual(new Set([parcel, refund]));
      // Both titled as issues are whose words no other item shared when they were made.
      await changes(
        server.aggregator.storage,
        sql`UPDATE issues SET title = 'Unlabelled issue' WHERE id IN (${parcel}, ${refund})`,
      );
    }, 30_000);

    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    it('issues.suggest gives each issue the typed words it holds, shared words only', async () => {
      const response = await fetch(`${server.url}/api/v1/call/issues.suggest`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${tokenOf(server.links.agent)}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ text: `${TYPED} on ${OWN_WORD}` }),
      });
      expect(response.status).toBe(200);
      const found = (await response.json()) as Suggestion[];
      const words = new Map(found.map((s) => [s.id, new Set(s.matched)]));
      expect([...words.keys()].sort()).toEqual([parcel, refund].sort());
      expect(words.get(parcel)).toEqual(new Set(['parcel', 'lost', 'courier']));
      expect(words.get(refund)).toEqual(new Set(['refund', 'payment', 'missing']));
      // The parcel issue holds the word too, but only one item ever used it: it is never said.
      for (const set of words.values()) expect(set.has(OWN_WORD)).toBe(false);
    });

    it('the panel shows each alike suggestion with its own matched words, in its button name too', async () => {
      const context = await browser.newContext({
        viewport: { width: 360, height: 640 },
        locale: 'en-US',
      });
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(server.links.agent);
      await page.getByRole('textbox', { name: 'What the customer said', exact: true }).fill(TYPED);
      const items = page.locator('section.suggestions li');
      await expect.poll(() => items.count()).toBe(2);
      const shown = await items.locator('.suggestion-words').allTextContents();
      expect(shown).toHaveLength(2);
      expect(new Set(shown)).toEqual(
        new Set(['Matches: parcel, lost, courier', 'Matches: refund, payment, missing']),
      );
      // Each button names the words beside it, so Alt+n and a screen reader tell them apart too.
      for (const [i, line] of shown.entries()) {
        const words = line.replace('Matches: ', '');
        await expect
          .poll(() => items.nth(i).getByRole('button').getAttribute('aria-label'))
          .toBe(`Heard again: Unlabelled issue (matches ${words})`);
      }
      // No verbatim of anyone's: only the typed words appear.
      const text = (await page.locator('section.suggestions').textContent()) ?? '';
      for (const verbatim of [...PARCEL, ...REFUND]) expect(text).not.toContain(verbatim);
      expect(errors).toEqual([]);
      await context.close();
    }, 60_000);
  },
);
