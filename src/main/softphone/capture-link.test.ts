import { describe, expect, it } from 'vitest';
import { findCaptureLink, parseCaptureLink } from './capture-link.js';
import { PrefillInbox } from './prefill-inbox.js';

describe('wocas://capture links', () => {
  it('reads the contact, queue, channel and text a softphone puts in the link', () => {
    const link =
      'wocas://capture?contact=CT-20931&queue=Billing%20EN&channel=Phone&text=Charged%20twice%20for%20May&vendor_field=x';
    expect(parseCaptureLink(link)).toEqual({
      ok: true,
      prefill: {
        source: 'link',
        contact: 'CT-20931',
        queue: 'Billing EN',
        channel: 'phone',
        text: 'Charged twice for May',
      },
    });
  });

  it('takes the slash Windows adds before the query, upper case, and empty fields', () => {
    expect(parseCaptureLink('WOCAS://Capture/?contact=7&text=')).toEqual({
      ok: true,
      prefill: { source: 'link', contact: '7' },
    });
    expect(parseCaptureLink('wocas://capture')).toEqual({ ok: true, prefill: { source: 'link' } });
  });

  it('reads UTF-8 text, Chinese included', () => {
    const link = `wocas://capture?text=${encodeURIComponent('信用卡还没有收到')}&channel=chat`;
    expect(parseCaptureLink(link)).toEqual({
      ok: true,
      prefill: { source: 'link', text: '信用卡还没有收到', channel: 'chat' },
    });
  });

  it('refuses what it cannot read, saying why', () => {
    expect(parseCaptureLink('https://capture?text=x')).toEqual({
      ok: false,
      message: 'not a wocas:// link',
    });
    expect(parseCaptureLink('wocas://delete?id=1')).toEqual({
      ok: false,
      message: 'unknown action "delete": only wocas://capture exists',
    });
    expect(parseCaptureLink('wocas://capture?channel=fax')).toEqual({
      ok: false,
      message: 'channel: must be one of phone, email, chat, sms, social, other',
    });
    expect(parseCaptureLink('wocas://capture?contact=1&contact=2')).toEqual({
      ok: false,
      message: 'contact is given 2 times',
    });
    expect(parseCaptureLink(`wocas://capture?text=${'a'.repeat(5_001)}`)).toEqual({
      ok: false,
      message: 'text: is longer than 5000 characters',
    });
    expect(parseCaptureLink(`wocas://capture?text=${'a'.repeat(20_000)}`)).toEqual({
      ok: false,
      message: 'the link is too long',
    });
    expect(parseCaptureLink('not a link')).toEqual({ ok: false, message: 'not a link' });
  });

  it('finds the link among the arguments Windows and Linux start the app with', () => {
    expect(findCaptureLink(['/opt/WOCAS/wocas', '--no-sandbox', 'wocas://capture?contact=1'])).toBe(
      'wocas://capture?contact=1',
    );
    expect(findCaptureLink(['/opt/WOCAS/wocas', '--hidden'])).toBeUndefined();
  });
});

describe('PrefillInbox', () => {
  it('keeps a pre-fill that arrives before the UI is ready, and hands it over once', () => {
    const delivered: unknown[] = [];
    const inbox = new PrefillInbox((prefill) => delivered.push(prefill));
    inbox.put({ source: 'link', contact: 'first' });
    inbox.put({ source: 'link', contact: 'latest' });
    expect(delivered).toEqual([]);
    expect(inbox.take()).toEqual({ source: 'link', contact: 'latest' });
    expect(inbox.take()).toBeNull();
  });

  it('sends pre-fills as events once the UI has asked, and holds them again while it reloads', () => {
    const delivered: unknown[] = [];
    const inbox = new PrefillInbox((prefill) => delivered.push(prefill));
    inbox.take();
    inbox.put({ source: 'endpoint', queue: 'q1' });
    expect(delivered).toEqual([{ source: 'endpoint', queue: 'q1' }]);
    expect(inbox.take()).toBeNull();
    inbox.uiGone();
    inbox.put({ source: 'endpoint', queue: 'q2' });
    expect(delivered).toHaveLength(1);
    expect(inbox.take()).toEqual({ source: 'endpoint', queue: 'q2' });
  });
});
