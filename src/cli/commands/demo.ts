import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { Command, Option } from 'commander';
import { parse } from 'csv-parse/sync';
import { feedbackItemSchema } from '../../shared/domain/feedback-item.js';
import { openAggregator } from '../../server/aggregator.js';
import { rankIssues } from '../../server/issues/rank-issues.js';
import { type DemoVerbatim, generateDemoFeedback } from '../demo/demo-feedback.js';
import { formatIssueTable } from '../format-issue-table.js';

const VERBATIMS = fileURLToPath(new URL('../../../../assets/demo/verbatims.csv', import.meta.url));

interface DemoOptions {
  db: string;
  port?: string;
}

export function demoCommand(): Command {
  return new Command('demo')
    .description('create (or reuse) a demo database with realistic feedback and show what it says')
    .addOption(new Option('--db <path>', 'demo SQLite database file').env('WOCAS_DEMO_DB').default('./wocas-demo.db'))
    .addOption(new Option('--port <n>', 'port for the demo server').env('WOCAS_PORT'))
    .action(async (options: DemoOptions) => {
      const aggregator = openAggregator({ db: options.db });
      try {
        const now = aggregator.clock();
        const verbatims = parse<DemoVerbatim>(await readFile(VERBATIMS), { columns: true, bom: true });
        const items = generateDemoFeedback(verbatims, now).map((item) => {
          const parsed = feedbackItemSchema.parse(item);
          return { ...parsed, id: parsed.id as string, created_at: parsed.created_at as string };
        });
        const outcome = aggregator.ingestor.ingest(items);
        if (outcome.accepted.length > 0) aggregator.recluster();
        const from = now - 7 * 86_400_000;
        const ranked = rankIssues(aggregator.db, { from, limit: 15 }, now);
        process.stdout.write(
          `WOCAS demo: ${items.length} items from Northwind Mobile's agents in ${options.db}` +
            ` (${outcome.accepted.length} new).\nTop issues of the last 7 days:\n\n`,
        );
        process.stdout.write(formatIssueTable(ranked.issues));
        process.stdout.write(`\nTry: npx wocas issues --db ${options.db} --from ${new Date(from).toISOString().slice(0, 10)} --json\n`);
      } finally {
        aggregator.close();
      }
    });
}
