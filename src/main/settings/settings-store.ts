import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { WindowMemory } from '../window/window-state.js';
import { type SecretBox, SecretStorageUnavailableError } from './secret-box.js';
import {
  type StoredSettings,
  type ValidSettingsInput,
  storedSettingsSchema,
} from './settings-schema.js';

/** A fresh per-install secret for the softphone endpoint. */
export const randomSoftphoneSecret = (): string => randomBytes(24).toString('base64url');

/**
 * The desktop's settings: one JSON file in userData, readable by this user only, rewritten whole
 * through a temporary file and a rename so a crash mid-save leaves the old file or the new one.
 * The aggregator token goes through the SecretBox first and is stored only as its ciphertext.
 */
export class SettingsStore {
  private settings: StoredSettings;
  /** Set when the file at open was unreadable and was moved aside (shown once, then cleared). */
  readonly recovered: string | null;

  constructor(
    private readonly path: string,
    private readonly secrets: SecretBox,
    newSecret: () => string = randomSoftphoneSecret,
  ) {
    const { raw, recovered } = readSettingsFile(path);
    this.recovered = recovered;
    const parsed = storedSettingsSchema.parse(raw);
    this.settings = { ...parsed, softphoneSecret: parsed.softphoneSecret ?? newSecret() };
    if (parsed.softphoneSecret === null || recovered) this.write();
  }

  current(): Readonly<StoredSettings> {
    return this.settings;
  }

  hasToken(): boolean {
    return this.settings.tokenCiphertext !== null;
  }

  /** The token in plain text, for the sync client only; null when none is stored or it cannot be decrypted. */
  token(): string | null {
    if (this.settings.tokenCiphertext === null) return null;
    try {
      return this.secrets.decrypt(Buffer.from(this.settings.tokenCiphertext, 'base64'));
    } catch {
      return null;
    }
  }

  /** Whether the stored token was made by a key this machine no longer has (a reset keychain). */
  tokenUnreadable(): boolean {
    return this.settings.tokenCiphertext !== null && this.token() === null;
  }

  /**
   * Applies validated changes; a token is encrypted, or refused when it cannot be. The stored
   * token belongs to the server it was entered for: pointing the desktop at another origin needs
   * the token again in the same save (refused otherwise), and clearing the server forgets it, so
   * the old token is never sent to a host it was not given for.
   */
  update(input: ValidSettingsInput): Readonly<StoredSettings> {
    const next: StoredSettings = { ...this.settings };
    const serverChanged =
      input.aggregatorUrl !== undefined &&
      originOf(input.aggregatorUrl) !== originOf(this.settings.aggregatorUrl);
    if (serverChanged && input.token === undefined && this.settings.tokenCiphertext !== null) {
      if (input.aggregatorUrl !== null) throw new TokenRequiredError(this.settings.aggregatorUrl);
      next.tokenCiphertext = null;
    }
    if (input.token !== undefined)
      next.tokenCiphertext = input.token === null ? null : this.encrypt(input.token);
    if (input.aggregatorUrl !== undefined) next.aggregatorUrl = input.aggregatorUrl;
    if (input.team !== undefined) next.team = input.team;
    if (input.displayName !== undefined) next.displayName = input.displayName;
    if (input.hotkey !== undefined) next.hotkey = input.hotkey;
    if (input.pasteOnHotkey !== undefined) next.pasteOnHotkey = input.pasteOnHotkey;
    if (input.openAtLogin !== undefined) next.openAtLogin = input.openAtLogin;
    if (input.syncIntervalSeconds !== undefined)
      next.syncIntervalSeconds = input.syncIntervalSeconds;
    if (input.softphonePort !== undefined) next.softphonePort = input.softphonePort;
    this.settings = next;
    this.write();
    return this.settings;
  }

  rememberWindow(memory: WindowMemory): void {
    this.settings = { ...this.settings, window: memory };
    this.write();
  }

  private encrypt(token: string): string {
    const reason = this.secrets.unavailableReason();
    if (reason !== null)
      throw new SecretStorageUnavailableError(`The token was not saved: ${reason}`);
    return this.secrets.encrypt(token).toString('base64');
  }

  private write(): void {
    const temporary = `${this.path}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(this.settings, null, 2)}\n`, { mode: 0o600 });
    renameSync(temporary, this.path);
    chmodSync(this.path, 0o600);
  }
}

/** A new aggregator was given without the token for it. */
export class TokenRequiredError extends Error {
  constructor(previous: string | null) {
    super(
      `is needed again for a new aggregator (the stored one was for ${previous ?? 'no aggregator'} and is never sent elsewhere)`,
    );
  }
}

function originOf(url: string | null): string | null {
  return url === null ? null : new URL(url).origin;
}

/** The file's JSON; an unreadable file is moved aside (never deleted) and the defaults used. */
function readSettingsFile(path: string): { raw: unknown; recovered: string | null } {
  if (!existsSync(path)) return { raw: {}, recovered: null };
  const text = readFileSync(path, 'utf8');
  try {
    const raw: unknown = JSON.parse(text);
    if (raw !== null && typeof raw === 'object' && !Array.isArray(raw))
      return { raw, recovered: null };
  } catch {
    // fall through: not JSON
  }
  const aside = `${path}.unreadable-${Date.now()}`;
  renameSync(path, aside);
  return {
    raw: {},
    recovered: `The settings file could not be read and was moved to ${aside}; setup starts again.`,
  };
}
