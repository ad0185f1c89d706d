/**
 * Where the capture panel goes: remembered per display (an agent who docks it beside the softphone
 * on the laptop screen and on the office monitor wants both places back), and always put back
 * onto a display that exists now, fully visible. Pure: Electron's `screen` supplies the displays.
 */

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface DisplayArea {
  /** Electron's display id, as a string (JSON object keys). */
  id: string;
  /** The display's work area: the screen less taskbars and docks. */
  workArea: Rect;
}

export interface WindowMemory {
  /** The display the panel was last on. */
  lastDisplayId: string | null;
  byDisplay: Record<string, Rect>;
}

export const EMPTY_WINDOW_MEMORY: WindowMemory = { lastDisplayId: null, byDisplay: {} };

/** Compact: the panel sits beside a softphone, not over the agent's CRM. */
export const DEFAULT_SIZE = { width: 380, height: 560 } as const;
export const MIN_SIZE = { width: 320, height: 420 } as const;
/** Gap kept from the work area's edge when placing the panel by default. */
const MARGIN = 16;

function overlap(a: Rect, b: Rect): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return width > 0 && height > 0 ? width * height : 0;
}

/** The display showing most of the rectangle; the first display when it is on none. */
export function displayFor(
  bounds: Rect,
  displays: readonly DisplayArea[],
): DisplayArea | undefined {
  let best: DisplayArea | undefined;
  let bestArea = 0;
  for (const display of displays) {
    const area = overlap(bounds, display.workArea);
    if (area > bestArea) {
      best = display;
      bestArea = area;
    }
  }
  return best ?? displays[0];
}

/** Records where the panel is now, under the display it is (mostly) on. */
export function rememberBounds(
  memory: WindowMemory,
  bounds: Rect,
  displays: readonly DisplayArea[],
): WindowMemory {
  const display = displayFor(bounds, displays);
  if (!display) return memory;
  return {
    lastDisplayId: display.id,
    byDisplay: { ...memory.byDisplay, [display.id]: roundRect(bounds) },
  };
}

/** Moves and shrinks a rectangle until it lies inside the work area, no smaller than the minimum. */
export function clampOnto(bounds: Rect, area: Rect): Rect {
  const width = Math.max(Math.min(bounds.width, area.width), Math.min(MIN_SIZE.width, area.width));
  const height = Math.max(
    Math.min(bounds.height, area.height),
    Math.min(MIN_SIZE.height, area.height),
  );
  const x = Math.min(Math.max(bounds.x, area.x), area.x + area.width - width);
  const y = Math.min(Math.max(bounds.y, area.y), area.y + area.height - height);
  return roundRect({ x, y, width, height });
}

/** The default place: the right edge of the work area, where a softphone usually is not. */
export function defaultBounds(area: Rect): Rect {
  const width = Math.min(DEFAULT_SIZE.width, area.width);
  const height = Math.min(DEFAULT_SIZE.height, area.height);
  return clampOnto(
    {
      x: area.x + area.width - width - MARGIN,
      y: area.y + area.height - height - MARGIN,
      width,
      height,
    },
    area,
  );
}

/**
 * Where to open the panel: where it was on the display it was last on, if that display is still
 * attached; else where it was on the primary display; else the primary's default place.
 */
export function restoreBounds(
  memory: WindowMemory,
  displays: readonly DisplayArea[],
  primaryId: string,
): Rect {
  const primary = displays.find((display) => display.id === primaryId) ?? displays[0];
  if (!primary) return { x: 0, y: 0, ...DEFAULT_SIZE };
  const last =
    memory.lastDisplayId === null
      ? undefined
      : displays.find((display) => display.id === memory.lastDisplayId);
  for (const display of [last, primary]) {
    const remembered = display && memory.byDisplay[display.id];
    if (display && remembered && validRect(remembered))
      return clampOnto(remembered, display.workArea);
  }
  return defaultBounds(primary.workArea);
}

function validRect(rect: Rect): boolean {
  return (
    [rect.x, rect.y, rect.width, rect.height].every(Number.isFinite) &&
    rect.width > 0 &&
    rect.height > 0
  );
}

function roundRect(rect: Rect): Rect {
  return {
    x: Math.round(rect.x),
    y: Math.round(rect.y),
    width: Math.round(rect.width),
    height: Math.round(rect.height),
  };
}
