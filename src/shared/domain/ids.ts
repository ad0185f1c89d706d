const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/** A short random id (Crockford base32): easy to read aloud and type in `wocas issue merge`. */
export function randomId(prefix: string, length = 10): string {
  const bytes = new Uint8Array(length);
  globalThis.crypto.getRandomValues(bytes);
  let id = prefix;
  for (const byte of bytes) id += ALPHABET[byte & 31];
  return id;
}

export const newIssueId = (): string => randomId('iss_');
