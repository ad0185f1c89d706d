import { Command, Option } from 'commander';
import { ISSUE_STATUSES, VALUE_DIMENSIONS } from '../../shared/domain/issue.js';
import type { Storage } from '../../server/storage/storage.js';
import {
  IssueActionError,
  mergeIssues,
  splitIssue,
  updateIssue,
} from '../../server/issues/issue-actions.js';
import type { HistoryEntry } from '../../shared/api/contract.js';
import { issueHistory } from '../../server/issues/issue-history.js';
import { type StorageOptions, withStorageOptions } from '../storage-options.js';
import { UsageError } from '../usage-error.js';
import { withStorage } from '../with-aggregator.js';

/** Runs an analyst action; a refused action is the user's to fix (exit 2). */
async function analystAction(
  options: StorageOptions,
  action: (storage: Storage) => Promise<void>,
): Promise<void> {
  try {
    await withStorage(options, action);
  } catch (error) {
    if (error instanceof IssueActionError) throw new UsageError(error.message);
    throw error;
  }
}

export function issueCommand(): Command {
  const issue = new Command('issue').description(
    "analysts' actions on an issue: merge, split, update, history",
  );
  issue.addCommand(
    withStorageOptions(new Command('merge'))
      .description(
        'move every item of SRC into DST; SRC is retired and later items like it land in DST',
      )
      .argument('<src>', 'issue to retire')
      .requiredOption('--into <dst>', 'issue that takes its items')
      .action((source: string, options: StorageOptions & { into: string }) =>
        analystAction(options, async (storage) => {
          await mergeIssues(storage, source, options.into, Date.now());
          process.stdout.write(`${options.into}\n`);
        }),
      ),
  );
  issue.addCommand(
    withStorageOptions(new Command('split'))
      .description('move these items into a new issue; prints its id')
      .argument('<id>', 'issue to split')
      .requiredOption('--items <ids>', 'comma-separated item ids')
      .option('--title <title>', 'title of the new issue')
      .action((id: string, options: StorageOptions & { items: string; title?: string }) =>
        analystAction(options, async (storage) => {
          const items = options.items
            .split(',')
            .map((item) => item.trim())
            .filter(Boolean);
          process.stdout.write(
            `${await splitIssue(storage, id, items, options.title, Date.now())}\n`,
          );
        }),
      ),
  );
  issue.addCommand(
    withStorageOptions(new Command('update'))
      .description(
        "change an issue's status, owner, title or root cause; every change is kept in its history",
      )
      .argument('<id>', 'issue')
      .addOption(new Option('--status <status>').choices(ISSUE_STATUSES))
      .option('--owner <text>', 'who owns the fix (empty to clear)')
      .option('--title <text>', 'a title of your own (reclustering keeps it)')
      .option('--root-cause <text>', 'the confirmed root cause')
      .option('--note <text>', 'a note for the history and for the agents who reported it')
      .addOption(
        new Option(
          '--preventable <answer>',
          'yes: the contact should never have been needed; no: it was; unset',
        ).choices(['yes', 'no', 'unset']),
      )
      .addOption(
        new Option('--value-dimension <d>', 'what customers value that it falls short on').choices([
          ...VALUE_DIMENSIONS,
          'unset',
        ]),
      )
      .action(
        (
          id: string,
          options: StorageOptions & {
            status?: string;
            owner?: string;
            title?: string;
            rootCause?: string;
            note?: string;
            preventable?: string;
            valueDimension?: string;
          },
        ) =>
          analystAction(options, async (storage) => {
            const preventable =
              options.preventable === undefined
                ? undefined
                : options.preventable === 'unset'
                  ? null
                  : options.preventable === 'yes';
            const valueDimension =
              options.valueDimension === 'unset' ? null : options.valueDimension;
            const update = {
              status: options.status,
              owner: options.owner,
              title: options.title,
              root_cause: options.rootCause,
              note: options.note,
              preventable,
              value_dimension: valueDimension,
            };
            const row = await updateIssue(storage, id, update, Date.now());
            const judged = row.preventable === null ? null : Number(row.preventable) === 1;
            process.stdout.write(
              `${JSON.stringify({ id: row.id, title: row.title, status: row.status, owner: row.owner, root_cause: row.root_cause, preventable: judged, value_dimension: row.value_dimension })}\n`,
            );
          }),
      ),
  );
  issue.addCommand(
    withStorageOptions(new Command('history'))
      .description(
        "who changed what and when, oldest first (a merged-away id shows its target's history)",
      )
      .argument('<id>', 'issue')
      .option(
        '--json',
        'print a JSON array [{at, actor, action, detail, field, old_value, new_value}]',
      )
      .action((id: string, options: StorageOptions & { json?: boolean }) =>
        analystAction(options, async (storage) => {
          const history = await issueHistory(storage, id);
          if (history === undefined) throw new IssueActionError(`no issue ${id}`);
          process.stdout.write(
            options.json ? `${JSON.stringify(history)}\n` : formatHistory(history),
          );
        }),
      ),
  );
  return issue;
}

/** One line an entry; the issues it names by id are named by title after it, for people reading. */
function formatHistory(history: readonly HistoryEntry[]): string {
  if (history.length === 0) return 'No changes yet.\n';
  return history
    .map((entry) => {
      const titles = entry.issues.map((named) => ` · ${named.id} = "${named.title}"`).join('');
      return `${entry.at.slice(0, 16).replace('T', ' ')}  ${(entry.actor ?? '(command line)').padEnd(16)}  ${entry.detail}${titles}\n`;
    })
    .join('');
}
