import { type IncomingMessage, type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CapturePrefill } from '../../shared/desktop/desktop-api.js';
import {
  CAPTURE_PATH,
  MAX_BODY_BYTES,
  type SoftphoneAnswer,
  answerSoftphoneRequest,
} from './softphone-request.js';

export interface SoftphoneEndpointOptions {
  /** 0 picks a free port (tests); the app uses the settings' port so scripts can know it. */
  port: number;
  secret: string;
  onPrefill: (prefill: CapturePrefill) => void;
}

export interface SoftphoneEndpoint {
  /** Where a softphone or CTI script posts on call end. */
  url: string;
  port: number;
  close(): Promise<void>;
}

export class EndpointPortBusyError extends Error {}

/**
 * The call-end endpoint: HTTP on 127.0.0.1 only (never on a network interface), one route, small
 * bodies, short timeouts. See answerSoftphoneRequest for what it accepts.
 */
export async function startSoftphoneEndpoint(
  options: SoftphoneEndpointOptions,
): Promise<SoftphoneEndpoint> {
  let port = options.port;
  const server: Server = createServer((request, response) => {
    void readBody(request).then((body) => {
      const answer: SoftphoneAnswer =
        body === undefined
          ? {
              status: 413,
              body: { ok: false, error: `the body is larger than ${MAX_BODY_BYTES} bytes` },
            }
          : answerSoftphoneRequest(
              {
                method: request.method ?? '',
                url: request.url ?? '/',
                headers: request.headers,
                body,
              },
              options.secret,
              port,
            );
      response.writeHead(answer.status, {
        'content-type': 'application/json; charset=utf-8',
        'cache-control': 'no-store',
      });
      response.end(JSON.stringify(answer.body));
      if (answer.prefill) options.onPrefill(answer.prefill);
    });
  });
  server.requestTimeout = 5_000;
  server.headersTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new EndpointPortBusyError(
              `Softphone endpoint: port ${options.port} on 127.0.0.1 is in use (another WOCAS or another program); choose another port in the settings.`,
            )
          : error,
      ),
    );
    server.listen(options.port, '127.0.0.1', resolve);
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}${CAPTURE_PATH}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The body as text, or undefined once it passes the limit (the rest is not read). */
function readBody(request: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        request.removeAllListeners('data');
        request.resume();
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () =>
      resolve(size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks).toString('utf8')),
    );
    request.on('error', () => resolve(undefined));
  });
}
