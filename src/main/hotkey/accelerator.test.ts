import { describe, expect, it } from 'vitest';
import { DEFAULT_HOTKEY, parseAccelerator } from './accelerator.js';
import { HotkeyBinding, type ShortcutRegistrar } from './hotkey-binding.js';

const ok = (accelerator: string) => ({ ok: true, accelerator });
const message = (text: string, platform: NodeJS.Platform = 'linux') => {
  const result = parseAccelerator(text, platform);
  return result.ok ? `accepted as ${result.accelerator}` : result.message;
};

describe('parseAccelerator', () => {
  it('accepts the default and writes every combination one way', () => {
    expect(parseAccelerator(DEFAULT_HOTKEY, 'linux')).toEqual(ok('Ctrl+Shift+Space'));
    expect(parseAccelerator(' shift + control + space ', 'win32')).toEqual(ok('Ctrl+Shift+Space'));
    expect(parseAccelerator('CmdOrCtrl+Alt+k', 'linux')).toEqual(ok('CommandOrControl+Alt+K'));
    expect(parseAccelerator('Option+Cmd+F5', 'darwin')).toEqual(ok('Command+Alt+F5'));
    expect(parseAccelerator('Ctrl+Alt+enter', 'linux')).toEqual(ok('Ctrl+Alt+Return'));
    expect(parseAccelerator('Super+num5', 'linux')).toEqual(ok('Super+num5'));
    expect(parseAccelerator('Ctrl+Shift+Plus', 'linux')).toEqual(ok('Ctrl+Shift+Plus'));
    expect(parseAccelerator('Ctrl+/', 'linux')).toEqual(ok('Ctrl+/'));
  });

  it('lets the spare function keys of headsets and macro pads stand alone', () => {
    expect(parseAccelerator('F13', 'linux')).toEqual(ok('F13'));
    expect(parseAccelerator('f24', 'win32')).toEqual(ok('F24'));
  });

  it('says what is wrong with a combination that cannot work', () => {
    expect(message('')).toMatch(/choose a key combination, for example Ctrl\+Shift\+Space/);
    expect(message('Ctrl+Shift')).toMatch(
      /has no key: add one after the modifiers, for example Ctrl\+Shift\+Space/,
    );
    expect(message('Ctrl+A+B')).toMatch(/two keys \(A and B\)/);
    expect(message('Ctrl+Banana')).toMatch(/"Banana" is not a key or modifier/);
    expect(message('Ctrl+Ctrl+A')).toMatch(/Ctrl appears twice/);
    expect(message('Ctrl++')).toMatch(/write the \+ key as Plus/);
    expect(message('Space')).toMatch(/Space alone would be taken from every program/);
    expect(message('F5')).toMatch(/F5 alone/);
    expect(message('Shift+A')).toMatch(/Shift\+A types a character in every program/);
    expect(message('Command+K', 'win32')).toMatch(/Command exists only on macOS/);
    expect(message('F25')).toMatch(/"F25" is not a key/);
  });

  it('accepts Shift with a key that types nothing', () => {
    expect(parseAccelerator('Shift+F6', 'linux')).toEqual(ok('Shift+F6'));
  });
});

/** globalShortcut's behaviour as the binding sees it: some combinations are held by other programs. */
function registrar(takenByOthers: string[]): ShortcutRegistrar & { active: Set<string> } {
  const active = new Set<string>();
  return {
    active,
    register: (accelerator) => {
      if (takenByOthers.includes(accelerator) || active.has(accelerator)) return false;
      active.add(accelerator);
      return true;
    },
    unregister: (accelerator) => void active.delete(accelerator),
  };
}

describe('HotkeyBinding', () => {
  it('registers the hotkey, and replaces it only once the new one is registered', () => {
    const shortcuts = registrar(['Ctrl+Alt+Space']);
    const binding = new HotkeyBinding(shortcuts, () => undefined, 'linux');
    expect(binding.bind('ctrl+shift+space')).toEqual(ok('Ctrl+Shift+Space'));
    expect(binding.bind('Ctrl+Alt+Space')).toEqual({
      ok: false,
      message:
        'Hotkey: Ctrl+Alt+Space is already taken by another program; choose another combination in Settings. Ctrl+Shift+Space stays active.',
    });
    expect(binding.active()).toBe('Ctrl+Shift+Space');
    expect([...shortcuts.active]).toEqual(['Ctrl+Shift+Space']);
    expect(binding.bind('Ctrl+Shift+K')).toEqual(ok('Ctrl+Shift+K'));
    expect([...shortcuts.active]).toEqual(['Ctrl+Shift+K']);
    binding.unbind();
    expect(shortcuts.active.size).toBe(0);
  });

  it('binding the same combination again is a no-op', () => {
    const shortcuts = registrar([]);
    const binding = new HotkeyBinding(shortcuts, () => undefined, 'linux');
    binding.bind('Ctrl+Shift+Space');
    expect(binding.bind('shift+ctrl+space')).toEqual(ok('Ctrl+Shift+Space'));
  });

  it('refuses an invalid combination without touching the active one', () => {
    const shortcuts = registrar([]);
    const binding = new HotkeyBinding(shortcuts, () => undefined, 'linux');
    binding.bind('Ctrl+Shift+Space');
    expect(binding.bind('Q').ok).toBe(false);
    expect(binding.active()).toBe('Ctrl+Shift+Space');
  });

  it('reports a registrar that throws as a readable failure', () => {
    const binding = new HotkeyBinding(
      {
        register: () => {
          throw new Error('conversion failure');
        },
        unregister: () => undefined,
      },
      () => undefined,
      'linux',
    );
    expect(binding.bind('Ctrl+Shift+Space')).toEqual({
      ok: false,
      message: 'Hotkey: Ctrl+Shift+Space could not be registered (conversion failure).',
    });
  });

  it('calls back when pressed', () => {
    let pressed = 0;
    const callbacks = new Map<string, () => void>();
    const binding = new HotkeyBinding(
      {
        register: (accelerator, callback) => (callbacks.set(accelerator, callback), true),
        unregister: (a) => void callbacks.delete(a),
      },
      () => pressed++,
      'linux',
    );
    binding.bind('Ctrl+Shift+Space');
    callbacks.get('Ctrl+Shift+Space')?.();
    expect(pressed).toBe(1);
  });
});
