import {
  type IncomingMessage,
  type Server,
  type ServerResponse,
  createServer,
  request as httpRequest,
} from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * What the proxy does with one request:
 * - pass: forward it and relay the answer;
 * - refuse: cut the connection before the aggregator sees anything;
 * - lose-answer: forward it, let the aggregator commit, then cut the connection instead of
 *   relaying the answer (the client cannot know its push was stored);
 * - hold: forward it, but relay the answer only when `release` resolves (a slow network).
 */
export type Fault =
  | { kind: 'pass' }
  | { kind: 'refuse' }
  | { kind: 'lose-answer' }
  | { kind: 'hold'; release: Promise<void> };

export interface FaultyProxy {
  url: string;
  /** Requests seen, by path. */
  seen: string[];
  close(): Promise<void>;
}

/** An HTTP proxy on loopback in front of the aggregator, failing requests as `decide` says. */
export async function startFaultyProxy(
  target: string,
  decide: (path: string, n: number) => Fault,
): Promise<FaultyProxy> {
  const upstream = new URL(target);
  const seen: string[] = [];
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = req.url ?? '/';
    const fault = decide(path, seen.length);
    seen.push(path);
    if (fault.kind === 'refuse') {
      req.socket.destroy();
      return;
    }
    const forward = httpRequest(
      {
        host: upstream.hostname,
        port: upstream.port,
        path,
        method: req.method,
        headers: req.headers,
      },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () => {
          const relay = () => {
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            res.end(Buffer.concat(chunks));
          };
          if (fault.kind === 'lose-answer') req.socket.destroy();
          else if (fault.kind === 'hold') void fault.release.then(relay, relay);
          else relay();
        });
      },
    );
    forward.on('error', () => req.socket.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
