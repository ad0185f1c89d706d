import { describe, expect, it } from 'vitest';
import { previousWindow } from './previous-window.js';

const DAY = 86_400_000;
const MONDAY = Date.UTC(2026, 10, 30);

describe('previousWindow', () => {
  it('is the whole window before for a finished window', () => {
    expect(previousWindow(MONDAY, MONDAY + 7 * DAY, MONDAY + 20 * DAY)).toEqual({
      from: MONDAY - 7 * DAY,
      to: MONDAY,
    });
  });

  it('is the same days of last week for this week, on Thursday morning', () => {
    const thursday9 = MONDAY + 3 * DAY + 9 * 3_600_000;
    expect(previousWindow(MONDAY, MONDAY + 7 * DAY, thursday9)).toEqual({
      from: MONDAY - 7 * DAY,
      to: thursday9 - 7 * DAY,
    });
  });

  it('is as long a stretch just before for a window without an end, and empty before it starts', () => {
    expect(previousWindow(MONDAY, undefined, MONDAY + 2 * DAY)).toEqual({
      from: MONDAY - 2 * DAY,
      to: MONDAY,
    });
    expect(previousWindow(MONDAY, MONDAY + 7 * DAY, MONDAY - DAY)).toEqual({
      from: MONDAY - 7 * DAY,
      to: MONDAY - 7 * DAY,
    });
  });
});
