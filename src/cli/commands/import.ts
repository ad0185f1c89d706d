import { Command } from 'commander';
import { openAggregator } from '../../server/aggregator.js';
import { importFile } from '../../server/ingest/import-file.js';
import { type StorageOptions, withStorageOptions } from '../storage-options.js';
import { progressLine } from '../progress.js';

export function importCommand(): Command {
  return withStorageOptions(new Command('import'))
    .description('ingest feedback items from a CSV (header row) or JSON Lines (.jsonl) file')
    .argument('<file>', 'CSV or .jsonl file')
    .action(async (file: string, options: StorageOptions) => {
      const aggregator = openAggregator(options);
      try {
        const progress = progressLine('imported');
        const summary = await importFile(aggregator.ingestor, file, {
          onRejected: (line, reason) => process.stderr.write(`line ${line}: rejected: ${reason}\n`),
          onUnknownColumns: (columns) => process.stderr.write(`note: ignoring unknown column(s): ${columns.join(', ')}\n`),
          onProgress: progress.update,
        });
        progress.done();
        process.stdout.write(`${JSON.stringify(summary)}\n`);
      } finally {
        aggregator.close();
      }
    });
}
