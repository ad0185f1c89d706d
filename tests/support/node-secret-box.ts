import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SecretBox } from '../../src/main/settings/secret-box.js';

/**
 * A SecretBox for tests under plain Node: AES-256-GCM with a key held in memory, as the OS keychain
 * holds safeStorage's. `unavailable` plays a machine with no keychain.
 */
export function nodeSecretBox(
  options: { unavailable?: string; key?: Buffer } = {},
): SecretBox & { key: Buffer } {
  const key = options.key ?? randomBytes(32);
  return {
    key,
    unavailableReason: () => options.unavailable ?? null,
    encrypt: (plain) => {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decrypt: (sealed) => {
      const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
      decipher.setAuthTag(sealed.subarray(12, 28));
      return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString(
        'utf8',
      );
    },
  };
}
