import { Command } from 'commander';
import { type StorageOptions, withStorageOptions } from '../storage-options.js';
import { reclusterDatabase } from '../../server/grouping/recluster-database.js';
import { withStorage } from '../with-aggregator.js';

export function reclusterCommand(): Command {
  return withStorageOptions(new Command('recluster'))
    .description(
      "regroup every item with the batch algorithm; analysts' merges, splits and edits are kept",
    )
    .action((options: StorageOptions) =>
      withStorage(options, async (storage) => {
        // Serving processes notice the regroup by its grouping generation and reload.
        const summary = await reclusterDatabase(storage, Date.now());
        process.stdout.write(`${JSON.stringify(summary)}\n`);
      }),
    );
}
