import { describe, expect, it } from 'vitest';
import { deliveryOf } from './capture-messages.js';
import { redactDraft } from './capture-store.js';
import { redactInput } from './offline-queue.js';

describe('where a desktop save is, as the capture panel words it', () => {
  const savedAt = Date.parse('2026-11-23T19:32:00Z');
  it('is sent once a sync finished after it with nothing pending', () => {
    expect(
      deliveryOf(savedAt, { pending: 0, online: true, last_synced_at: '2026-11-23T19:32:01Z' }),
    ).toBe('sent');
  });
  it('is on its way while the aggregator answers and the outbox still holds it', () => {
    expect(
      deliveryOf(savedAt, { pending: 1, online: true, last_synced_at: '2026-11-23T19:32:01Z' }),
    ).toBe('sending');
    // A sync that finished before the save does not carry it.
    expect(
      deliveryOf(savedAt, { pending: 0, online: true, last_synced_at: '2026-11-23T19:31:00Z' }),
    ).toBe('sending');
  });
  it('is kept on this computer only while offline or before any sync state is known', () => {
    expect(deliveryOf(savedAt, { pending: 1, online: false, last_synced_at: null })).toBe('local');
    expect(deliveryOf(savedAt, null)).toBe('local');
  });
});

describe('what the browser writes to its storage', () => {
  it('a draft keeps its words but not the personal data in any field', () => {
    const draft = redactDraft({
      text: '客户电话 13800138000，卡号 4111 1111 1111 1111',
      root_cause: 'mail amy@example.com',
      suggested_fix: '',
      segment: 'call 415-555-2671',
      times_heard: '2',
    });
    expect(JSON.stringify(draft)).not.toMatch(/13800138000|4111 1111|amy@example|555-2671/);
    expect(draft.text).toContain('客户电话');
    expect(draft.times_heard).toBe('2');
  });
  it('a queued save is redacted before it is kept', () => {
    const input = redactInput({
      text: 'call me on 13800138000',
      root_cause: 'card 4111111111111111',
      channel: 'chat',
    });
    expect(input.text).not.toContain('13800138000');
    expect(input.root_cause).not.toContain('4111111111111111');
    expect(input.channel).toBe('chat');
  });
});
