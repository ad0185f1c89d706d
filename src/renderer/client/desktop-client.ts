import type { DesktopClient, DesktopErrorCode } from '../../shared/desktop/desktop-api.js';

declare global {
  interface Window {
    /** Exposed by the desktop app's preload script through contextBridge; absent in a browser. */
    wocas?: DesktopClient;
  }
}

/** The desktop app's client (Electron IPC behind the preload), when the UI runs inside it. */
export function desktopClient(): DesktopClient | undefined {
  return window.wocas;
}

const CODES: readonly DesktopErrorCode[] = [
  'invalid_arguments',
  'unknown_method',
  'not_available',
  'refused',
  'internal',
];

/**
 * A refusal from the desktop as the preload throws it: an Error named `WocasError[<code>]` whose
 * message is written for the agent. Anything else (a bug, a lost bridge) is `internal`.
 */
export function desktopError(error: unknown): { code: DesktopErrorCode; message: string } {
  const message = error instanceof Error ? error.message : String(error);
  const named = error instanceof Error ? /^WocasError\[(\w+)\]$/.exec(error.name)?.[1] : undefined;
  const code = CODES.find((known) => known === named) ?? 'internal';
  return { code, message };
}
