import { globalShortcut } from 'electron';
import type { ShortcutRegistrar } from '../hotkey/hotkey-binding.js';

/** Electron's globalShortcut as the HotkeyBinding's registrar. */
export const globalShortcutRegistrar: ShortcutRegistrar = {
  register: (accelerator, callback) => globalShortcut.register(accelerator, callback),
  unregister: (accelerator) => globalShortcut.unregister(accelerator),
};
