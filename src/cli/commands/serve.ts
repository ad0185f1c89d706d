import { Command, Option } from 'commander';
import { parsePort } from '../flag-parsers.js';
import { type StorageOptions, withStorageOptions } from '../storage-options.js';
import { withAggregator } from '../with-aggregator.js';

interface ServeOptions extends StorageOptions {
  host: string;
  port: string;
}

export function serveCommand(): Command {
  return withStorageOptions(new Command('serve'))
    .description(
      'run the aggregator: the HTTP API under /api/v1 and the web UI at / (stops cleanly on SIGTERM or SIGINT)',
    )
    .addOption(
      new Option('--host <host>', 'interface to listen on').env('WOCAS_HOST').default('127.0.0.1'),
    )
    .addOption(
      new Option('--port <n>', 'port to listen on (0: any free port)')
        .env('WOCAS_PORT')
        .default('8787'),
    )
    .action(async (options: ServeOptions) => {
      const port = parsePort(options.port);
      // The HTTP stack loads only for the verbs that serve.
      const { runServer } = await import('../run-server.js');
      await withAggregator(options, (aggregator) =>
        runServer(aggregator, options.host, port, (url) =>
          process.stderr.write(
            `wocas: serving ${url} (database ${aggregator.storage.description})\n`,
          ),
        ),
      );
    });
}
