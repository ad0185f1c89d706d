import { safeStorage } from 'electron';
import type { SecretBox } from '../settings/secret-box.js';

/**
 * The token's SecretBox: the OS keychain through safeStorage (Keychain on macOS, DPAPI on Windows,
 * the Secret Service or KWallet on Linux). On Linux without a keyring safeStorage "encrypts" with a
 * fixed key (its basic_text backend): that is plain text in all but name, so it is refused too.
 */
export function safeStorageBox(platform: NodeJS.Platform): SecretBox {
  return {
    unavailableReason: () => {
      if (!safeStorage.isEncryptionAvailable())
        return 'this computer offers no encrypted storage (OS keychain) for it';
      if (platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') {
        return 'no keyring is running (GNOME Keyring or KWallet), so it could only be stored in plain text; start one and save again';
      }
      return null;
    },
    encrypt: (plain) => safeStorage.encryptString(plain),
    decrypt: (cipher) => safeStorage.decryptString(cipher),
  };
}
