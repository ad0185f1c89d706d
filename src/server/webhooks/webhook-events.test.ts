import { describe, expect, it } from 'vitest';
import { retryDelay, signature } from './webhook-delivery.js';
import { WebhookSettingError, parseEvents, webhookBody } from './webhook-events.js';

const ISSUE = {
  id: 'iss_1',
  title: 'Parcel late',
  status: 'investigating' as const,
  owner: 'Logistics',
  mentions: 3,
  times_heard: 7,
};
const AT = Date.parse('2026-11-20T12:00:00Z');

describe('webhook bodies', () => {
  it('json carries the contract fields and nothing else', () => {
    expect(JSON.parse(webhookBody('json', 'status', AT, { ...ISSUE, reason: null }))).toEqual({
      event: 'status',
      at: '2026-11-20T12:00:00.000Z',
      issue: ISSUE,
    });
  });

  it('slack is one text line per event, with the reason for emerging', () => {
    expect(JSON.parse(webhookBody('slack', 'status', AT, ISSUE))).toEqual({
      text: 'WOCAS: issue "Parcel late" (iss_1) is now investigating, owner Logistics (7 contacts, 3 items).',
    });
    expect(
      JSON.parse(
        webhookBody('slack', 'emerging', AT, {
          ...ISSUE,
          reason: '7 contacts against a usual 0.1.',
        }),
      ),
    ).toEqual({
      text: 'WOCAS: issue "Parcel late" (iss_1) is emerging. 7 contacts against a usual 0.1.',
    });
  });

  it('slack counts one of a thing in the singular', () => {
    const first = { ...ISSUE, status: 'new' as const, owner: null, mentions: 1, times_heard: 1 };
    expect(JSON.parse(webhookBody('slack', 'new_issue', AT, first))).toEqual({
      text: 'WOCAS: new issue "Parcel late" (iss_1): 1 contact, 1 item so far.',
    });
  });
});

describe('webhook settings and delivery', () => {
  it('parses event lists and refuses unknown ones', () => {
    expect(parseEvents(undefined)).toEqual(['status', 'emerging', 'new_issue']);
    expect(parseEvents('emerging, status,emerging')).toEqual(['emerging', 'status']);
    expect(() => parseEvents('status,weather')).toThrow(WebhookSettingError);
  });

  it('backs off 1 s, 2 s, 4 s … up to five minutes', () => {
    expect([1, 2, 3, 4].map(retryDelay)).toEqual([1_000, 2_000, 4_000, 8_000]);
    expect(retryDelay(50)).toBe(300_000);
  });

  it('signs with HMAC-SHA256 of the raw body (RFC 4231 test case 2)', () => {
    expect(signature('Jefe', 'what do ya want for nothing?')).toBe(
      'sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
  });
});
