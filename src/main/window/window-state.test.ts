import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SIZE,
  type DisplayArea,
  EMPTY_WINDOW_MEMORY,
  MIN_SIZE,
  type Rect,
  clampOnto,
  defaultBounds,
  displayFor,
  rememberBounds,
  restoreBounds,
} from './window-state.js';

const laptop: DisplayArea = { id: '1', workArea: { x: 0, y: 0, width: 1440, height: 860 } };
// An office monitor to the laptop's right, its taskbar at the top.
const monitor: DisplayArea = { id: '2', workArea: { x: 1440, y: 40, width: 2560, height: 1400 } };
const both = [laptop, monitor];

function inside(rect: Rect, area: Rect): boolean {
  return (
    rect.x >= area.x &&
    rect.y >= area.y &&
    rect.x + rect.width <= area.x + area.width &&
    rect.y + rect.height <= area.y + area.height
  );
}

describe('window state', () => {
  it('opens at the right edge of the primary display the first time', () => {
    const bounds = restoreBounds(EMPTY_WINDOW_MEMORY, both, '1');
    expect(bounds).toEqual({
      x: 1440 - DEFAULT_SIZE.width - 16,
      y: 860 - DEFAULT_SIZE.height - 16,
      ...DEFAULT_SIZE,
    });
    expect(inside(bounds, laptop.workArea)).toBe(true);
  });

  it('remembers a place per display and goes back to the display it was last on', () => {
    const onLaptop = { x: 20, y: 30, width: 400, height: 600 };
    const onMonitor = { x: 3500, y: 100, width: 420, height: 700 };
    let memory = rememberBounds(EMPTY_WINDOW_MEMORY, onLaptop, both);
    memory = rememberBounds(memory, onMonitor, both);
    expect(memory).toEqual({ lastDisplayId: '2', byDisplay: { '1': onLaptop, '2': onMonitor } });
    expect(restoreBounds(memory, both, '1')).toEqual(onMonitor);
    // At home, with the laptop alone: its own remembered place, not the monitor's.
    expect(restoreBounds(memory, [laptop], '1')).toEqual(onLaptop);
  });

  it('files a window straddling two displays under the one showing most of it', () => {
    const straddling = { x: 1300, y: 100, width: 400, height: 500 };
    expect(displayFor(straddling, both)?.id).toBe('2');
    expect(rememberBounds(EMPTY_WINDOW_MEMORY, straddling, both).lastDisplayId).toBe('2');
  });

  it('puts a place remembered off-screen back fully onto the display', () => {
    const memory = {
      lastDisplayId: '1',
      byDisplay: { '1': { x: 1300, y: 700, width: 400, height: 600 } },
    };
    const bounds = restoreBounds(memory, both, '1');
    expect(inside(bounds, laptop.workArea)).toBe(true);
    expect(bounds.width).toBe(400);
  });

  it('shrinks a window larger than a small display, but never below the minimum the panel needs', () => {
    const small = { x: 0, y: 0, width: 1024, height: 600 };
    expect(clampOnto({ x: -50, y: -50, width: 2000, height: 2000 }, small)).toEqual({
      x: 0,
      y: 0,
      width: 1024,
      height: 600,
    });
    const shrunk = clampOnto({ x: 10, y: 10, width: 100, height: 100 }, small);
    expect(shrunk).toMatchObject({ width: MIN_SIZE.width, height: MIN_SIZE.height });
  });

  it('ignores a remembered place that is not a real rectangle', () => {
    const memory = {
      lastDisplayId: '1',
      byDisplay: { '1': { x: Number.NaN, y: 0, width: 400, height: 600 } },
    };
    expect(restoreBounds(memory, both, '1')).toEqual(defaultBounds(laptop.workArea));
  });

  it('copes with no display information at all', () => {
    expect(restoreBounds(EMPTY_WINDOW_MEMORY, [], '1')).toEqual({ x: 0, y: 0, ...DEFAULT_SIZE });
    expect(rememberBounds(EMPTY_WINDOW_MEMORY, { x: 0, y: 0, width: 10, height: 10 }, [])).toBe(
      EMPTY_WINDOW_MEMORY,
    );
  });
});
