import { Command } from 'commander';
import { openAggregator } from '../../server/aggregator.js';
import { type StorageOptions, withStorageOptions } from '../storage-options.js';

export function reclusterCommand(): Command {
  return withStorageOptions(new Command('recluster'))
    .description("regroup every item with the batch algorithm; analysts' merges, splits and edits are kept")
    .action((options: StorageOptions) => {
      const aggregator = openAggregator(options);
      try {
        const summary = aggregator.recluster();
        process.stdout.write(`${JSON.stringify(summary)}\n`);
      } finally {
        aggregator.close();
      }
    });
}
