import { describe, expect, it } from 'vitest';
import { feedbackItemSchema } from '../domain/feedback-item.js';
import { cleanText, isBlank, lookupProblem, unstorableReason } from './clean-text.js';

describe('cleanText', () => {
  it('removes NUL, control characters and ANSI escapes, keeps tabs and line breaks', () => {
    expect(cleanText('a\u0000b')).toBe('ab');
    expect(cleanText('red \u001b[31mALERT\u001b[0m done')).toBe('red ALERT done');
    expect(cleanText('title \u001b]0;owned\u0007 x')).toBe('title  x');
    expect(cleanText('bell\u0007 back\u0008 del\u007f c1\u0085')).toBe('bell back del c1');
    expect(cleanText('one\ttwo\nthree\r\nfour\rfive')).toBe('one\ttwo\nthree\nfour\nfive');
  });

  it('removes bidi overrides and isolates but keeps joiners', () => {
    expect(cleanText('refund \u202Egnp.exe\u202C ok')).toBe('refund gnp.exe ok');
    expect(cleanText('\u2066isolated\u2069')).toBe('isolated');
    expect(cleanText('👩\u200D💻 می\u200Cخواهم')).toBe('👩\u200D💻 می\u200Cخواهم');
  });

  it('is idempotent', () => {
    const dirty = 'x\u001b[1m\u0000\u202Ey\u200B\r\nz';
    expect(cleanText(cleanText(dirty))).toBe(cleanText(dirty));
  });

  it('knows blank, unstorable and unusable lookups', () => {
    expect(isBlank(cleanText('\u200B\u200B \u200D'))).toBe(true);
    expect(isBlank('套餐')).toBe(false);
    expect(unstorableReason('a\uD800b')).toMatch(/lone surrogate/);
    expect(unstorableReason('😀')).toBeNull();
    expect(lookupProblem('a\u0000b')).toMatch(/control/);
    expect(lookupProblem('support')).toBeNull();
  });
});

describe('the item schema applies the rule to every text field', () => {
  const parse = (fields: Record<string, unknown>) =>
    feedbackItemSchema.safeParse({ text: 'ok', ...fields });

  it('cleans text, notes and labels', () => {
    const parsed = parse({
      text: 'a\u0000b \u001b[2J',
      root_cause: 'x\u202Ey',
      team: 'sup\u0000port',
      segment: '\u200Bnew',
    });
    expect(parsed.success && parsed.data).toMatchObject({
      text: 'ab',
      root_cause: 'xy',
      team: 'support',
      segment: 'new',
    });
  });

  it('rejects text that shows nothing, and lone surrogates, naming the field', () => {
    expect(parse({ text: '\u200B\u200B\u200B' }).error?.issues[0]?.message).toBe('is empty');
    expect(parse({ text: '\u001b[0m' }).error?.issues[0]?.message).toBe('is empty');
    const surrogate = parse({ agent: 'ann\uDC00' });
    expect(surrogate.error?.issues[0]?.path).toEqual(['agent']);
    expect(surrogate.error?.issues[0]?.message).toMatch(/lone surrogate/);
  });

  it('reads created_at strictly', () => {
    expect(parse({ created_at: '2026-02-30' }).success).toBe(false);
    expect(parse({ created_at: '2026-02-28T24:00' }).success).toBe(false);
    expect(parse({ created_at: '0000-01-01' }).success).toBe(false);
    expect(parse({ created_at: '1999-12-31T23:59:59Z' }).success).toBe(false);
    const ok = parse({ created_at: '2024-02-29T10:30:00+08:00' });
    expect(ok.success && ok.data.created_at).toBe('2024-02-29T02:30:00.000Z');
    const noZone = parse({ created_at: '2026-03-01 09:15' });
    expect(noZone.success && noZone.data.created_at).toBe('2026-03-01T09:15:00.000Z');
  });
});
