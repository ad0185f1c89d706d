/**
 * The secret of an `Authorization: Bearer <secret>` header, or undefined. The scheme name is
 * case-insensitive (RFC 9110 §11.1): `bearer`, `BEARER` and `Bearer` are the same scheme, and a
 * CTI script or proxy that writes it in lower case must not be refused.
 */
export function bearerSecret(header: string | undefined): string | undefined {
  return header === undefined ? undefined : BEARER.exec(header)?.[1];
}

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;
