import type { Aggregator } from '../server/aggregator.js';
import { createServer } from '../server/http/create-server.js';
import { closeGracefully, listeningUrl } from '../server/http/server-lifecycle.js';
import { startWebhookLoop } from '../server/webhooks/webhook-loop.js';

/**
 * Resolves on the first SIGTERM or SIGINT. The handlers come off at once: a second signal during
 * shutdown gets the default behaviour, so pressing Ctrl-C twice still ends a stuck process.
 */
function firstSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const signals: NodeJS.Signals[] = ['SIGTERM', 'SIGINT'];
    const handler = (signal: NodeJS.Signals) => {
      for (const s of signals) process.off(s, handler);
      resolve(signal);
    };
    for (const s of signals) process.on(s, handler);
  });
}

/**
 * Serves the aggregator until SIGTERM or SIGINT, then stops cleanly. `announce` gets the bound URL
 * (the real port, also for --port 0) once the server listens.
 */
export async function runServer(
  aggregator: Aggregator,
  host: string,
  port: number,
  announce: (url: string) => void,
): Promise<void> {
  const app = createServer({ aggregator });
  const stopping = firstSignal();
  await app.listen({ host, port });
  announce(listeningUrl(app));
  // Webhook deliveries run beside the server, never inside a request.
  const webhooks = startWebhookLoop(aggregator.storage, aggregator.clock, {
    onError: (error) =>
      process.stderr.write(
        `${JSON.stringify({ level: 'error', msg: 'webhook delivery round failed', error: (error as Error).message })}\n`,
      ),
  });
  const signal = await stopping;
  process.stderr.write(`wocas: ${signal}: finishing requests in flight, then stopping\n`);
  await webhooks.stop();
  await closeGracefully(app);
}
