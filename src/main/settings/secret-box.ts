/**
 * Encrypts the aggregator token before it touches the disk. The desktop app's implementation is the
 * OS keychain through Electron's safeStorage (src/main/electron/safe-storage-box.ts); tests use
 * a Node one. Either refuses, rather than storing a token in plain text, when it cannot encrypt.
 */
export interface SecretBox {
  /** Why secrets cannot be stored on this machine now, in words for the agent; null when they can. */
  unavailableReason(): string | null;
  encrypt(plain: string): Buffer;
  /** Throws when the ciphertext was made by another key (another user or a reset keychain). */
  decrypt(cipher: Buffer): string;
}

export class SecretStorageUnavailableError extends Error {}
