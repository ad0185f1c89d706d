import { readFile } from 'node:fs/promises';
import { type Protocol, protocol } from 'electron';
import { APP_SCHEME } from '../security/app-origin.js';
import { resolveAppFile } from '../security/app-files.js';
import { SECURITY_HEADERS } from '../security/content-security-policy.js';

/** Before `ready`: app:// behaves like https (its own origin, module scripts, the CSP applies). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true },
    },
  ]);
}

/** Serves the built renderer, and nothing outside its folder, with the security headers. */
export function serveRenderer(sessionProtocol: Protocol, rendererDir: string): void {
  sessionProtocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppFile(rendererDir, request.url);
    if (!file.ok) return new Response(null, { status: file.status, headers: SECURITY_HEADERS });
    try {
      const body = await readFile(file.path);
      return new Response(body, {
        headers: { ...SECURITY_HEADERS, 'content-type': file.mimeType },
      });
    } catch {
      return new Response(null, { status: 404, headers: SECURITY_HEADERS });
    }
  });
}
