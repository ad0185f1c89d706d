import { Command, Option } from 'commander';
import { openAggregator } from '../../server/aggregator.js';
import { closeGracefully, listeningUrl } from '../../server/http/server-lifecycle.js';
import { createServer } from '../../server/http/create-server.js';
import { type StorageOptions, withStorageOptions } from '../storage-options.js';
import { UsageError } from '../usage-error.js';

interface ServeOptions extends StorageOptions {
  host: string;
  port: string;
}

function parsePort(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) > 65_535) {
    throw new UsageError(`--port must be a whole number from 0 to 65535, got "${value}"`);
  }
  return Number(value);
}

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

export function serveCommand(): Command {
  return withStorageOptions(new Command('serve'))
    .description('run the aggregator: the HTTP API under /api/v1 (stops cleanly on SIGTERM or SIGINT)')
    .addOption(new Option('--host <host>', 'interface to listen on').env('WOCAS_HOST').default('127.0.0.1'))
    .addOption(new Option('--port <n>', 'port to listen on (0: any free port)').env('WOCAS_PORT').default('8787'))
    .action(async (options: ServeOptions) => {
      const port = parsePort(options.port);
      const aggregator = openAggregator(options);
      try {
        const app = createServer({ aggregator });
        const stopping = firstSignal();
        await app.listen({ host: options.host, port });
        process.stderr.write(`wocas: serving ${listeningUrl(app)} (database ${options.db})\n`);
        const signal = await stopping;
        process.stderr.write(`wocas: ${signal}: finishing requests in flight, then stopping\n`);
        await closeGracefully(app);
      } finally {
        aggregator.close();
      }
    });
}
