import { createHash, randomBytes } from 'node:crypto';

/** A readable prefix: people (and secret scanners) can tell a WOCAS token from other strings. */
export const TOKEN_PREFIX = 'wocas_';

/** 256 random bits, base64url so the token survives URLs, headers and shells unquoted. */
export function newTokenSecret(): string {
  return `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
}

/**
 * What the database keeps instead of the secret. A plain SHA-256 is enough: slow or keyed hashes
 * (bcrypt, scrypt, HMAC with a pepper) exist to stop guessing low-entropy passwords, and guessing
 * one of 2^256 random secrets is out of reach however fast each guess is. Being deterministic, the
 * hash is also the lookup key, so no stored secret is ever compared byte by byte: timing reveals
 * nothing about it.
 */
export function hashTokenSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}
