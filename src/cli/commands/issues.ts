import { Command, Option } from 'commander';
import { CHANNELS, type Channel } from '../../shared/domain/item-fields.js';
import { STATUS_FILTERS, type StatusFilter } from '../../shared/domain/issue.js';
import { RANK_BY, type RankBy } from '../../shared/domain/issue.js';
import { rankIssues } from '../../server/issues/rank-issues.js';
import { type StorageOptions, withStorageOptions } from '../storage-options.js';
import { UsageError } from '../usage-error.js';
import { parsePositiveInt, parseTimeFlag } from '../flag-parsers.js';
import { formatIssueTable } from '../format-issue-table.js';
import { withStorage } from '../with-aggregator.js';

interface IssuesOptions extends StorageOptions {
  from?: string;
  to?: string;
  team?: string;
  channel?: Channel;
  segment?: string;
  limit?: string;
  json?: boolean;
  withItems?: boolean;
  status?: StatusFilter;
  rankBy?: RankBy;
  preventable?: 'yes' | 'no';
}

export function issuesCommand(): Command {
  return withStorageOptions(new Command('issues'))
    .description('ranked issues, most important first')
    .option('--from <iso>', 'window start (inclusive); without it: all time, trend 0')
    .option('--to <iso>', 'window end (exclusive; a bare date includes that day)')
    .option('--team <team>', 'only this team')
    .addOption(new Option('--channel <channel>', 'only this channel').choices(CHANNELS))
    .option('--segment <segment>', 'only this customer segment')
    .option('--limit <n>', 'at most this many issues')
    .addOption(
      new Option(
        '--status <status>',
        'open (new, investigating, fix_in_progress), all (default), or one status',
      ).choices(STATUS_FILTERS),
    )
    .option('--json', 'print JSON (the contract in CONTRACTS.md)')
    .option('--with-items', 'with --json: list every item id of each issue')
    .addOption(
      new Option(
        '--rank-by <measure>',
        'order by the score, contacts (times heard) or cost to serve',
      )
        .choices(RANK_BY)
        .default('score'),
    )
    .addOption(
      new Option(
        '--preventable <answer>',
        'only issues marked preventable (yes) or needed (no)',
      ).choices(['yes', 'no']),
    )
    .action(async (options: IssuesOptions) => {
      const query = {
        from: parseTimeFlag('from', options.from),
        to: parseTimeFlag('to', options.to, true),
        team: options.team,
        channel: options.channel,
        segment: options.segment,
        limit: parsePositiveInt('limit', options.limit),
        withItems: options.withItems === true,
        status: options.status,
        rankBy: options.rankBy,
        preventable: options.preventable === undefined ? undefined : options.preventable === 'yes',
      };
      if (query.from !== undefined && query.to !== undefined && query.from >= query.to) {
        throw new UsageError('--from must be before --to');
      }
      await withStorage(options, async (storage) => {
        const ranked = await rankIssues(storage, query, Date.now());
        process.stdout.write(
          options.json ? `${JSON.stringify(ranked)}\n` : formatIssueTable(ranked.issues),
        );
      });
    });
}
