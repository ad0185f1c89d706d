import { describe, expect, it } from 'vitest';
import { fillPlaceholders, messageLocale } from './translate.js';

const en = messageLocale('en');
const zh = messageLocale('zh-CN');
const CONTACTS = '{n, plural, one {# contact} other {# contacts}}';

describe('fillPlaceholders', () => {
  it('fills values, writing numbers for the locale, and leaves unknown names visible', () => {
    expect(fillPlaceholders('{n} of {total} for {who}', { n: 1234, who: 'Ana' }, en)).toBe(
      '1,234 of {total} for Ana',
    );
  });

  it('picks the plural form the number takes in English', () => {
    const fill = (n: number) => fillPlaceholders(CONTACTS, { n }, en);
    expect([0, 1, 2, 1500].map(fill)).toEqual([
      '0 contacts',
      '1 contact',
      '2 contacts',
      '1,500 contacts',
    ]);
  });

  it('handles several plurals in one message, with placeholders inside the forms', () => {
    const template =
      '{count, plural, one {# issue drives} other {# issues drive}} {share} of {total, plural, one {the one issue} other {# issues}}';
    expect(fillPlaceholders(template, { count: 1, share: '80%', total: 1 }, en)).toBe(
      '1 issue drives 80% of the one issue',
    );
    expect(fillPlaceholders(template, { count: 3, share: '60%', total: 5 }, en)).toBe(
      '3 issues drive 60% of 5 issues',
    );
  });

  it('takes an exact =N form before the category, in any language', () => {
    const template = '{count, plural, =1 {排名第一的问题} other {排名前 # 的问题}}';
    expect(fillPlaceholders(template, { count: 1 }, zh)).toBe('排名第一的问题');
    expect(fillPlaceholders(template, { count: 5 }, zh)).toBe('排名前 5 的问题');
    // Chinese has one category: "other".
    expect(fillPlaceholders(CONTACTS, { n: 1 }, zh)).toBe('1 contacts');
  });

  it('leaves a plural visible without its number, and never reads # in a value', () => {
    expect(fillPlaceholders(CONTACTS, { m: 1 }, en)).toBe(CONTACTS);
    expect(fillPlaceholders(`{title}: ${CONTACTS}`, { title: 'Issue #4', n: 1 }, en)).toBe(
      'Issue #4: 1 contact',
    );
  });
});
