import type { FastifyInstance } from 'fastify';

/** How long requests in flight get to finish once shutdown starts. */
export const SHUTDOWN_GRACE_MS = 10_000;

/**
 * Stops accepting connections and waits for requests in flight; after the grace period the
 * remaining connections are cut. Either way no handler runs afterwards, so the caller may close
 * the database once this resolves.
 */
export async function closeGracefully(
  app: FastifyInstance,
  graceMs = SHUTDOWN_GRACE_MS,
): Promise<void> {
  const closing = app.close();
  const timer = setTimeout(() => app.server.closeAllConnections(), graceMs);
  try {
    await closing;
  } finally {
    clearTimeout(timer);
  }
}

/** The base URL a listening server answers on (the real port when asked for port 0). */
export function listeningUrl(app: FastifyInstance): string {
  const address = app.server.address();
  if (address === null || typeof address === 'string')
    throw new Error('the server is not listening on TCP');
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}
