import { Command, Option } from 'commander';
import { openLocalStore } from '../../main/store/local-store.js';
import { httpAggregatorClient } from '../../main/sync/aggregator-client.js';
import { SyncClient } from '../../main/sync/sync-client.js';

interface SyncOptions {
  store: string;
  server: string;
  token: string;
}

export function syncCommand(): Command {
  return new Command('sync')
    .description(
      'push the local outbox to the aggregator and pull issue updates; safe to kill and run again',
    )
    .requiredOption('--store <path>', 'local store file')
    .addOption(
      new Option('--server <url>', 'aggregator URL').env('WOCAS_SERVER').makeOptionMandatory(),
    )
    .addOption(
      new Option('--token <token>', 'access token').env('WOCAS_TOKEN').makeOptionMandatory(),
    )
    .action(async (options: SyncOptions) => {
      const store = openLocalStore(options.store);
      try {
        const client = new SyncClient(
          store,
          httpAggregatorClient({ baseUrl: options.server, token: options.token }),
        );
        const result = await client.sync();
        process.stdout.write(
          `${JSON.stringify({ pushed: result.pushed, pending: result.pending })}\n`,
        );
        if (result.error) process.stderr.write(`wocas: ${result.error}\n`);
        // The contract: exit 0 exactly when nothing is left to push (a failed pull is only reported).
        if (result.pending > 0) process.exitCode = 1;
      } finally {
        store.close();
      }
    });
}
