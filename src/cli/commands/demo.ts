import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { Command, Option } from 'commander';
import { parse } from 'csv-parse/sync';
import { feedbackItemSchema } from '../../shared/domain/feedback-item.js';
import type { Aggregator } from '../../server/aggregator.js';
import { rankIssues } from '../../server/issues/rank-issues.js';
import { TokensRepo } from '../../server/tokens/tokens-repo.js';
import { curateDemo } from '../demo/demo-curation.js';
import { type DemoVerbatim, generateDemoFeedback } from '../demo/demo-feedback.js';
import { formatIssueTable } from '../format-issue-table.js';
import { parsePort } from '../flag-parsers.js';
import { withAggregator } from '../with-aggregator.js';

const VERBATIMS = fileURLToPath(new URL('../../../../assets/demo/verbatims.csv', import.meta.url));
const DEMO_TOKEN_NAME = 'demo analyst';

interface DemoOptions {
  db: string;
  port: string;
  host: string;
  serve: boolean;
}

/** Fills the demo database on first use (seeded: the same data everywhere); later runs reuse it. */
async function fillDemo(aggregator: Aggregator): Promise<number> {
  const verbatims = parse<DemoVerbatim>(await readFile(VERBATIMS), { columns: true, bom: true });
  const items = generateDemoFeedback(verbatims, aggregator.clock()).map((item) => {
    const parsed = feedbackItemSchema.parse(item);
    return { ...parsed, id: parsed.id as string, created_at: parsed.created_at as string };
  });
  const outcome = await aggregator.ingestor.ingest(items);
  if (outcome.accepted.length > 0) {
    await aggregator.recluster();
    await curateDemo(aggregator.storage, aggregator.clock());
  }
  return outcome.accepted.length;
}

export function demoCommand(): Command {
  return new Command('demo')
    .description(
      'create (or reuse) a demo database with realistic feedback, serve it, and print a signed-in link',
    )
    .addOption(
      new Option('--db <path>', 'demo SQLite database file')
        .env('WOCAS_DEMO_DB')
        .default('./wocas-demo.db'),
    )
    .addOption(
      new Option('--port <n>', 'port for the demo server (0: any free port)')
        .env('WOCAS_PORT')
        .default('8787'),
    )
    .addOption(
      new Option('--host <host>', 'interface to listen on').env('WOCAS_HOST').default('127.0.0.1'),
    )
    .option('--no-serve', 'only fill the database and print the top issues')
    .action(async (options: DemoOptions) => {
      const port = parsePort(options.port);
      await withAggregator({ db: options.db }, async (aggregator) => {
        const added = await fillDemo(aggregator);
        const now = aggregator.clock();
        const ranked = await rankIssues(
          aggregator.storage,
          { from: now - 7 * 86_400_000, limit: 10 },
          now,
        );
        process.stdout.write(
          `WOCAS demo: Northwind Mobile's feedback in ${options.db}${added > 0 ? ` (${added} items added)` : ''}.\n` +
            `Top issues of the last 7 days:\n\n${formatIssueTable(ranked.issues)}\n`,
        );
        if (!options.serve) return;
        const { runServer } = await import('../run-server.js');
        // A fresh analyst token each run; the previous demo token stops working.
        const tokens = new TokensRepo(aggregator.storage, aggregator.clock);
        await tokens.revoke(DEMO_TOKEN_NAME);
        const { secret } = await tokens.create({ name: DEMO_TOKEN_NAME, role: 'analyst' });
        await runServer(aggregator, options.host, port, (url) =>
          process.stdout.write(`Open ${url}/#token=${secret}\n(Ctrl-C stops the demo server.)\n`),
        );
      });
    });
}
