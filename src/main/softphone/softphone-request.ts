import { createHash, timingSafeEqual } from 'node:crypto';
import type { CapturePrefill } from '../../shared/desktop/desktop-api.js';
import { bearerSecret } from '../../shared/http/bearer.js';
import { fieldsOf, parsePrefill } from './prefill.js';

export const CAPTURE_PATH = '/v1/capture';
export const MAX_BODY_BYTES = 16 * 1024;

export interface SoftphoneRequest {
  method: string;
  /** The request target as sent: path and query. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface SoftphoneAnswer {
  status: number;
  body: { ok: true; message: string } | { ok: false; error: string };
  /** What to open the panel with; present only on an accepted request. */
  prefill?: CapturePrefill;
}

function refuse(status: number, error: string): SoftphoneAnswer {
  return { status, body: { ok: false, error } };
}

function header(request: SoftphoneRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function sameSecret(given: string, secret: string): boolean {
  // Hash both sides: equal lengths for timingSafeEqual, and no early exit on a length mismatch.
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(secret));
}

/**
 * Answers one request to the call-end endpoint. It only ever opens the panel pre-filled: nothing is
 * saved without the agent. Guards, in order: the Host must be this loopback port (a DNS-rebinding
 * page names its own host), no browser Origin (a page in the agent's browser may post here but
 * not read the answer, so it is refused outright), and the per-install secret as a Bearer token.
 */
export function answerSoftphoneRequest(
  request: SoftphoneRequest,
  secret: string,
  port: number,
): SoftphoneAnswer {
  const host = header(request, 'host')?.toLowerCase();
  if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`)
    return refuse(403, 'wrong Host: call http://127.0.0.1 on this machine');
  if (header(request, 'origin') !== undefined)
    return refuse(403, 'web pages may not call this endpoint');
  const path = request.url.split('?')[0];
  if (path !== CAPTURE_PATH) return refuse(404, `no such path: POST ${CAPTURE_PATH}`);
  if (request.method !== 'POST') return refuse(405, `use POST ${CAPTURE_PATH}`);
  const bearer = bearerSecret(header(request, 'authorization'));
  if (bearer === undefined || !sameSecret(bearer, secret))
    return refuse(
      401,
      'missing or wrong secret (Authorization: Bearer <secret from WOCAS settings>)',
    );
  const fields = readFields(header(request, 'content-type'), request.body);
  if (typeof fields === 'string') return refuse(fields.startsWith('send ') ? 415 : 400, fields);
  const parsed = parsePrefill(fields, 'endpoint');
  if (!parsed.ok) return refuse(400, parsed.message);
  return {
    status: 202,
    body: {
      ok: true,
      message:
        'the capture panel is open with these details; nothing is saved until the agent saves it',
    },
    prefill: parsed.prefill,
  };
}

/** JSON or form fields of the body, or why they cannot be read. */
function readFields(
  contentType: string | undefined,
  body: string,
): Record<string, unknown> | string {
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  if (type === 'application/x-www-form-urlencoded') return fieldsOf(new URLSearchParams(body));
  if (type !== 'application/json')
    return 'send application/json or application/x-www-form-urlencoded';
  try {
    const parsed: unknown = JSON.parse(body === '' ? '{}' : body);
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed))
      return parsed as Record<string, unknown>;
    return 'the body must be a JSON object';
  } catch {
    return 'the body is not valid JSON';
  }
}
