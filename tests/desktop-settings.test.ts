import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SecretStorageUnavailableError } from '../src/main/settings/secret-box.js';
import {
  DEFAULT_SOFTPHONE_PORT,
  settingsInputSchema,
} from '../src/main/settings/settings-schema.js';
import { SettingsStore, TokenRequiredError } from '../src/main/settings/settings-store.js';
import { nodeSecretBox } from './support/node-secret-box.js';

const TOKEN = 'wocas_Zm9vYmFyYmF6cXV4cXV1eGNvcmdlZ3JhdWx0Z2FycGx5';
let dir: string;
let path: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'wocas-settings-'));
  path = join(dir, 'settings.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const valid = (input: unknown) => settingsInputSchema.parse(input);

describe('desktop settings', () => {
  it('starts from defaults with a random softphone secret, kept across restarts', () => {
    const box = nodeSecretBox();
    const first = new SettingsStore(path, box).current();
    expect(first).toMatchObject({
      aggregatorUrl: null,
      tokenCiphertext: null,
      displayName: null,
      hotkey: 'Ctrl+Shift+Space',
      pasteOnHotkey: false,
      openAtLogin: false,
      syncIntervalSeconds: 30,
      softphonePort: DEFAULT_SOFTPHONE_PORT,
    });
    expect(first.softphoneSecret).toMatch(/^[\w-]{32}$/);
    expect(new SettingsStore(path, box).current().softphoneSecret).toBe(first.softphoneSecret);
    expect(new SettingsStore(join(dir, 'other.json'), box).current().softphoneSecret).not.toBe(
      first.softphoneSecret,
    );
  });

  it('stores the token only encrypted, and reads it back through the same keychain', () => {
    const box = nodeSecretBox();
    const settings = new SettingsStore(path, box);
    settings.update(
      valid({
        aggregatorUrl: 'https://wocas.example.com/',
        token: TOKEN,
        displayName: 'amy',
        team: 'support',
      }),
    );
    const file = readFileSync(path, 'utf8');
    expect(file).not.toContain(TOKEN);
    expect(file).not.toContain(TOKEN.slice(6, 20));
    expect(JSON.parse(file)).toMatchObject({
      aggregatorUrl: 'https://wocas.example.com',
      displayName: 'amy',
      team: 'support',
    });
    const reopened = new SettingsStore(path, box);
    expect(reopened.token()).toBe(TOKEN);
    expect(reopened.hasToken()).toBe(true);
  });

  it('refuses to store a token when the machine cannot encrypt it, and keeps everything else as it was', () => {
    const settings = new SettingsStore(
      path,
      nodeSecretBox({ unavailable: 'no keyring is running' }),
    );
    settings.update(valid({ displayName: 'amy' }));
    expect(() => settings.update(valid({ token: TOKEN, displayName: 'bo' }))).toThrow(
      SecretStorageUnavailableError,
    );
    expect(() => settings.update(valid({ token: TOKEN }))).toThrow(
      'The token was not saved: no keyring is running',
    );
    expect(settings.current().displayName).toBe('amy');
    expect(settings.hasToken()).toBe(false);
    expect(readFileSync(path, 'utf8')).not.toContain(TOKEN);
  });

  it('notices a token the keychain can no longer decrypt (another key)', () => {
    new SettingsStore(path, nodeSecretBox()).update(valid({ token: TOKEN }));
    const elsewhere = new SettingsStore(path, nodeSecretBox());
    expect(elsewhere.hasToken()).toBe(true);
    expect(elsewhere.token()).toBeNull();
    expect(elsewhere.tokenUnreadable()).toBe(true);
  });

  it('forgets the token on null', () => {
    const settings = new SettingsStore(path, nodeSecretBox());
    settings.update(valid({ token: TOKEN }));
    settings.update(valid({ token: null }));
    expect(settings.hasToken()).toBe(false);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({ tokenCiphertext: null });
  });

  it('keeps the file readable by this user only, and leaves no temporary file behind', () => {
    new SettingsStore(path, nodeSecretBox()).update(valid({ displayName: 'amy' }));
    if (process.platform !== 'win32') expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['settings.json']);
  });

  it('moves an unreadable file aside and starts again, saying so', () => {
    writeFileSync(path, '{"displayName": "amy", truncated');
    const settings = new SettingsStore(path, nodeSecretBox());
    expect(settings.recovered).toMatch(
      /could not be read and was moved to .*settings\.json\.unreadable-\d+/,
    );
    expect(settings.current().displayName).toBeNull();
    expect(readdirSync(dir).sort()).toEqual([
      expect.stringMatching(/^settings\.json$/),
      expect.stringMatching(/^settings\.json\.unreadable-/),
    ]);
  });

  it('keeps the good fields of a hand-edited file and defaults the bad ones', () => {
    writeFileSync(
      path,
      JSON.stringify({ displayName: 'amy', syncIntervalSeconds: 2, hotkey: 42, window: 'left' }),
    );
    const settings = new SettingsStore(path, nodeSecretBox()).current();
    expect(settings).toMatchObject({
      displayName: 'amy',
      syncIntervalSeconds: 30,
      hotkey: 'Ctrl+Shift+Space',
      window: { lastDisplayId: null, byDisplay: {} },
    });
  });

  it('validates what the renderer sends, naming the field', () => {
    const refused = (input: unknown) => {
      const parsed = settingsInputSchema.safeParse(input);
      return parsed.success
        ? 'accepted'
        : parsed.error.issues
            .map((issue) => `${issue.path.join('.')}: ${issue.message}`)
            .join('; ');
    };
    expect(refused({ aggregatorUrl: 'http://wocas.example.com' })).toMatch(
      /aggregatorUrl: must start with https:\/\//,
    );
    expect(refused({ aggregatorUrl: 'http://127.0.0.1:8787' })).toBe('accepted');
    expect(refused({ aggregatorUrl: 'https://u:p@wocas.example.com' })).toMatch(
      /must not carry a user name/,
    );
    expect(refused({ aggregatorUrl: 'wocas' })).toMatch(/is not a web address/);
    expect(refused({ token: 'has space in it' })).toMatch(
      /token: may only contain printable characters/,
    );
    expect(refused({ displayName: '   ' })).toMatch(/displayName: is empty/);
    expect(refused({ syncIntervalSeconds: 1 })).toMatch(/syncIntervalSeconds/);
    expect(refused({ softphonePort: 80 })).toMatch(/softphonePort/);
    // The update feed is not the page's to set: where code is downloaded from comes from the
    // settings file or WOCAS_UPDATE_URL.
    expect(refused({ updateFeedUrl: 'https://updates.example.com' })).toMatch(/updateFeedUrl/);
    expect(refused({ isAdmin: true })).toMatch(/isAdmin/);
    expect(valid({ team: '  ', aggregatorUrl: '' })).toEqual({ team: null, aggregatorUrl: null });
  });

  it('never lets the stored token follow the aggregator to another origin', () => {
    const settings = new SettingsStore(path, nodeSecretBox());
    settings.update(valid({ aggregatorUrl: 'https://wocas.example.com', token: TOKEN }));
    // Same origin, another path: the token was given for that host, it stays.
    settings.update(valid({ aggregatorUrl: 'https://wocas.example.com/eu' }));
    expect(settings.token()).toBe(TOKEN);
    for (const elsewhere of [
      'https://evil.example.com',
      'https://wocas.example.com:8443',
      'http://127.0.0.1:8787',
    ]) {
      expect(() => settings.update(valid({ aggregatorUrl: elsewhere }))).toThrow(
        TokenRequiredError,
      );
      expect(settings.current().aggregatorUrl).toBe('https://wocas.example.com/eu');
    }
    expect(new SettingsStore(path, nodeSecretBox()).current().aggregatorUrl).toBe(
      'https://wocas.example.com/eu',
    );
    // With the token for the new server, in the same save: accepted.
    settings.update(valid({ aggregatorUrl: 'https://other.example.com', token: `${TOKEN}2` }));
    expect([settings.current().aggregatorUrl, settings.token()]).toEqual([
      'https://other.example.com',
      `${TOKEN}2`,
    ]);
    // Clearing the server forgets its token: a later server needs its own.
    settings.update(valid({ aggregatorUrl: '' }));
    expect([settings.current().aggregatorUrl, settings.hasToken()]).toEqual([null, false]);
    settings.update(valid({ aggregatorUrl: 'https://other.example.com' }));
    expect(settings.hasToken()).toBe(false);
  });

  it('remembers the window place per display', () => {
    const settings = new SettingsStore(path, nodeSecretBox());
    const memory = {
      lastDisplayId: '7',
      byDisplay: { '7': { x: 1, y: 2, width: 380, height: 560 } },
    };
    settings.rememberWindow(memory);
    expect(new SettingsStore(path, nodeSecretBox()).current().window).toEqual(memory);
  });
});
