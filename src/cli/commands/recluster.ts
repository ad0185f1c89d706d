import { Command } from 'commander';
import { type StorageOptions, withStorageOptions } from '../storage-options.js';
import { withAggregator } from '../with-aggregator.js';

export function reclusterCommand(): Command {
  return withStorageOptions(new Command('recluster'))
    .description("regroup every item with the batch algorithm; analysts' merges, splits and edits are kept")
    .action((options: StorageOptions) =>
      withAggregator(options, async (aggregator) => {
        const summary = await aggregator.recluster();
        process.stdout.write(`${JSON.stringify(summary)}\n`);
      }),
    );
}
