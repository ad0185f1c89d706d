/**
 * Global hotkeys in Electron's accelerator syntax ("Ctrl+Shift+Space"), checked before they reach
 * `globalShortcut` so the agent reads why a combination cannot work, not a silent failure. Pure.
 */

export type AcceleratorResult = { ok: true; accelerator: string } | { ok: false; message: string };

export const DEFAULT_HOTKEY = 'Ctrl+Shift+Space';

/** Modifier spellings Electron accepts (case-insensitive), to the spelling we store, in display order. */
const MODIFIERS: ReadonlyMap<string, string> = new Map([
  ['commandorcontrol', 'CommandOrControl'],
  ['cmdorctrl', 'CommandOrControl'],
  ['command', 'Command'],
  ['cmd', 'Command'],
  ['control', 'Ctrl'],
  ['ctrl', 'Ctrl'],
  ['alt', 'Alt'],
  ['option', 'Alt'],
  ['altgr', 'AltGr'],
  ['shift', 'Shift'],
  ['super', 'Super'],
  ['meta', 'Super'],
]);
const MODIFIER_ORDER = ['CommandOrControl', 'Command', 'Ctrl', 'Alt', 'AltGr', 'Shift', 'Super'];

const NAMED_KEYS: readonly string[] = [
  'Plus',
  'Space',
  'Tab',
  'Capslock',
  'Numlock',
  'Scrolllock',
  'Backspace',
  'Delete',
  'Insert',
  'Return',
  'Up',
  'Down',
  'Left',
  'Right',
  'Home',
  'End',
  'PageUp',
  'PageDown',
  'Escape',
  'VolumeUp',
  'VolumeDown',
  'VolumeMute',
  'MediaNextTrack',
  'MediaPreviousTrack',
  'MediaStop',
  'MediaPlayPause',
  'PrintScreen',
  'numdec',
  'numadd',
  'numsub',
  'nummult',
  'numdiv',
];
const ALIASES: ReadonlyMap<string, string> = new Map([
  ['enter', 'Return'],
  ['esc', 'Escape'],
]);
const PUNCTUATION = new Set([...')!@#$%^&*(:;=<,_->.?/~`{}[]|\\"\'']);

/** Keys that type something: with Shift alone as the modifier they would be taken from every program. */
function isPrintable(key: string): boolean {
  return key.length === 1 || key === 'Space' || key === 'Plus';
}

/** F13–F24 exist on few keyboards (macro pads, softphone headsets), so they may stand alone. */
function isSpareFunctionKey(key: string): boolean {
  const n = /^F(\d+)$/.exec(key)?.[1];
  return n !== undefined && Number(n) >= 13;
}

function canonicalKey(part: string): string | undefined {
  const lower = part.toLowerCase();
  const alias = ALIASES.get(lower);
  if (alias) return alias;
  const named = NAMED_KEYS.find((name) => name.toLowerCase() === lower);
  if (named) return named;
  if (/^[a-z0-9]$/i.test(part)) return part.toUpperCase();
  if (PUNCTUATION.has(part)) return part;
  const fn = /^f([1-9]|1\d|2[0-4])$/i.exec(part);
  if (fn) return `F${fn[1]}`;
  const num = /^num([0-9])$/i.exec(part);
  if (num) return `num${num[1]}`;
  return undefined;
}

/**
 * Parses an accelerator into the one spelling we store and register, or says what is wrong with it.
 * `platform` is `process.platform`: Command exists only on macOS.
 */
export function parseAccelerator(text: string, platform: NodeJS.Platform): AcceleratorResult {
  const trimmed = text.trim();
  if (trimmed === '') return fail(`choose a key combination, for example ${DEFAULT_HOTKEY}`);
  const parts = trimmed.split('+').map((part) => part.trim());
  if (parts.some((part) => part === ''))
    return fail(
      `"${trimmed}" has an empty part: write the + key as Plus, for example Ctrl+Shift+Plus`,
    );
  const modifiers: string[] = [];
  const keys: string[] = [];
  for (const part of parts) {
    const modifier = MODIFIERS.get(part.toLowerCase());
    if (modifier) {
      if (modifiers.includes(modifier)) return fail(`${modifier} appears twice in "${trimmed}"`);
      if (modifier === 'Command' && platform !== 'darwin')
        return fail('Command exists only on macOS: use Ctrl (or CommandOrControl)');
      modifiers.push(modifier);
      continue;
    }
    const key = canonicalKey(part);
    if (!key) return fail(`"${part}" is not a key or modifier a hotkey can use`);
    keys.push(key);
  }
  const [key, extra] = keys;
  if (key === undefined)
    return fail(
      `"${trimmed}" has no key: add one after the modifiers, for example ${[...modifiers, 'Space'].join('+')}`,
    );
  if (extra !== undefined)
    return fail(
      `"${trimmed}" has two keys (${key} and ${extra}): a hotkey is modifiers and one key`,
    );
  const ordered = MODIFIER_ORDER.filter((name) => modifiers.includes(name));
  if (ordered.length === 0 && !isSpareFunctionKey(key)) {
    return fail(
      `${key} alone would be taken from every program: add Ctrl, Alt, Shift or Super, for example Ctrl+Shift+${key}`,
    );
  }
  if (ordered.length === 1 && ordered[0] === 'Shift' && isPrintable(key)) {
    return fail(
      `Shift+${key} types a character in every program: add Ctrl, Alt or Super, for example Ctrl+Shift+${key}`,
    );
  }
  return { ok: true, accelerator: [...ordered, key].join('+') };
}

function fail(message: string): AcceleratorResult {
  return { ok: false, message: `Hotkey: ${message}.` };
}
