import { expect } from 'vitest';
import { type ApiFixture, call } from './http-fixture.js';

/**
 * Two issues, each heard by one team and explained by an analyst: a support-only parcel issue
 * (amy's items) and a sales-only invoice issue (bo's), for tests of who reads a root cause and note.
 */

export const HEARD = '2026-11-18T09:00:00.000Z';
export const PARCEL = {
  root_cause: 'Courier backlog in the north depot',
  note: 'Second courier hired',
};
export const INVOICE = {
  root_cause: 'Refunds left out of the invoice total',
  note: 'Fix due Friday',
};

export const ITEMS = [
  { id: 'sup-1', text: 'the parcel arrived late and the box was damaged', agent: 'amy' },
  { id: 'sup-2', text: 'parcel arrived late again, damaged box', agent: 'amy' },
  { id: 'sal-1', text: 'the invoice total is wrong after the refund', agent: 'bo' },
  { id: 'sal-2', text: 'invoice total wrong, refund missing', agent: 'bo' },
].map((item) => ({
  ...item,
  team: item.agent === 'amy' ? 'support' : 'sales',
  channel: 'phone' as const,
  created_at: HEARD,
  times_heard: 1,
}));

/** Ingests ITEMS and has the analyst record each issue's cause and note; the two issues' ids. */
export async function explainTwoIssues(
  api: ApiFixture,
): Promise<{ parcel: string; invoice: string }> {
  const outcome = await api.aggregator.ingestor.ingest(ITEMS);
  const parcel = outcome.issues['sup-1'] as string;
  const invoice = outcome.issues['sal-1'] as string;
  // The checks assume one support-only issue and one sales-only issue.
  expect(outcome.issues['sup-2']).toBe(parcel);
  expect(outcome.issues['sal-2']).toBe(invoice);
  expect(invoice).not.toBe(parcel);
  for (const [id, update] of [
    [parcel, PARCEL],
    [invoice, INVOICE],
  ] as const) {
    const answer = await call(api.url, 'POST', '/api/v1/call/issues.update', {
      token: api.secrets.ana,
      json: { id, ...update },
    });
    expect(answer.status, answer.text).toBe(200);
  }
  return { parcel, invoice };
}
