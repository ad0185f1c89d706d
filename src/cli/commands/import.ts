import { Command } from 'commander';
import { importFile } from '../../server/ingest/import-file.js';
import { RECLUSTER_AUTOMATICALLY_UP_TO } from '../../server/grouping/recluster-database.js';
import { type StorageOptions, withStorageOptions } from '../storage-options.js';
import { progressLine } from '../progress.js';
import { withAggregator } from '../with-aggregator.js';

export function importCommand(): Command {
  return withStorageOptions(new Command('import'))
    .description('ingest feedback items from a CSV (header row) or JSON Lines (.jsonl) file')
    .argument('<file>', 'CSV or .jsonl file')
    .option(
      '--strict',
      'exit with status 1 when any row was rejected (the JSON line is printed all the same)',
    )
    .option(
      '--no-recluster',
      `skip regrouping the whole set afterwards (done up to ${RECLUSTER_AUTOMATICALLY_UP_TO.toLocaleString('en')} items)`,
    )
    .action(
      async (file: string, options: StorageOptions & { recluster: boolean; strict?: boolean }) => {
        await withAggregator(options, async (aggregator) => {
          const progress = progressLine('imported');
          const summary = await importFile(aggregator.ingestor, file, {
            onRejected: (line, reason) =>
              process.stderr.write(`line ${line}: rejected: ${reason}\n`),
            onUnknownColumns: (columns) =>
              process.stderr.write(`note: ignoring unknown column(s): ${columns.join(', ')}\n`),
            onProgress: progress.update,
          });
          progress.done();
          const total = await aggregator.ingestor.itemCount();
          if (options.recluster && summary.imported > 0 && total <= RECLUSTER_AUTOMATICALLY_UP_TO) {
            await aggregator.recluster();
          }
          process.stdout.write(`${JSON.stringify(summary)}\n`);
          // Without --strict a rejected row is reported, not a failure: scripts that load what they
          // can keep working; with it, a script learns that something was left out.
          if (options.strict === true && summary.rejected > 0) process.exitCode = 1;
        });
      },
    );
}
