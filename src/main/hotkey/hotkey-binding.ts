import { parseAccelerator } from './accelerator.js';

/** The little of Electron's `globalShortcut` that binding a hotkey needs. */
export interface ShortcutRegistrar {
  /** False when another program (or the OS) holds the combination. */
  register(accelerator: string, callback: () => void): boolean;
  unregister(accelerator: string): void;
}

export type BindResult = { ok: true; accelerator: string } | { ok: false; message: string };

/**
 * The one global hotkey. A new combination replaces the old only once it is registered: when it is
 * taken by another program the old one stays active and the agent is told why.
 */
export class HotkeyBinding {
  private current: string | null = null;

  constructor(
    private readonly registrar: ShortcutRegistrar,
    private readonly onPress: () => void,
    private readonly platform: NodeJS.Platform,
  ) {}

  active(): string | null {
    return this.current;
  }

  bind(text: string): BindResult {
    const parsed = parseAccelerator(text, this.platform);
    if (!parsed.ok) return parsed;
    const next = parsed.accelerator;
    if (next === this.current) return { ok: true, accelerator: next };
    let registered: boolean;
    try {
      registered = this.registrar.register(next, this.onPress);
    } catch (error) {
      return {
        ok: false,
        message: `Hotkey: ${next} could not be registered (${(error as Error).message}).`,
      };
    }
    if (!registered) {
      const kept = this.current ? ` ${this.current} stays active.` : '';
      return {
        ok: false,
        message: `Hotkey: ${next} is already taken by another program; choose another combination in Settings.${kept}`,
      };
    }
    if (this.current) this.registrar.unregister(this.current);
    this.current = next;
    return { ok: true, accelerator: next };
  }

  unbind(): void {
    if (this.current) this.registrar.unregister(this.current);
    this.current = null;
  }
}
