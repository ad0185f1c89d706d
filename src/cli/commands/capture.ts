import { Command, Option } from 'commander';
import { CHANNELS, type FeedbackItemInput } from '../../shared/domain/feedback-item.js';
import { openLocalStore } from '../../main/store/local-store.js';
import { readFeedbackFile } from '../../server/ingest/read-feedback-file.js';
import { UsageError } from '../usage-error.js';
import { parsePositiveInt } from '../flag-parsers.js';

interface CaptureOptions {
  store: string;
  text?: string;
  channel?: string;
  rootCause?: string;
  fix?: string;
  timesHeard?: string;
  team?: string;
  agent?: string;
  segment?: string;
  issue?: string;
  from?: string;
}

/** The flags of one item, as the desktop panel would fill them. */
function itemFromFlags(options: CaptureOptions): FeedbackItemInput {
  const timesHeard = parsePositiveInt('times-heard', options.timesHeard);
  return {
    text: options.text as string,
    ...(options.channel ? { channel: options.channel as FeedbackItemInput['channel'] } : {}),
    ...(options.rootCause ? { root_cause: options.rootCause } : {}),
    ...(options.fix ? { suggested_fix: options.fix } : {}),
    ...(timesHeard ? { times_heard: timesHeard } : {}),
    ...(options.team ? { team: options.team } : {}),
    ...(options.agent ? { agent: options.agent } : {}),
    ...(options.segment ? { segment: options.segment } : {}),
    ...(options.issue ? { issue_id: options.issue } : {}),
  };
}

export function captureCommand(): Command {
  return new Command('capture')
    .description(
      "save feedback into an agent's local store (the desktop app's store); nothing is sent yet",
    )
    .requiredOption('--store <path>', 'local store file')
    .option('--text <verbatim>', 'what the customer said')
    .addOption(new Option('--channel <channel>', 'channel').choices(CHANNELS))
    .option('--root-cause <text>', "the agent's guess at the cause")
    .option('--fix <text>', "the agent's suggested fix")
    .option('--times-heard <n>', 'how many contacts this stands for')
    .addOption(new Option('--team <team>').env('WOCAS_TEAM'))
    .addOption(new Option('--agent <name>').env('WOCAS_AGENT'))
    .option('--segment <segment>', 'customer segment')
    .option('--issue <id>', 'heard again: the existing issue this belongs to')
    .option('--from <file>', 'capture every row of a CSV or .jsonl file instead')
    .action(async (options: CaptureOptions) => {
      if ((options.text === undefined) === (options.from === undefined)) {
        throw new UsageError('give either --text or --from');
      }
      const inputs = options.from ? await rowsOf(options.from) : [itemFromFlags(options)];
      const store = openLocalStore(options.store);
      try {
        const ids = inputs.map((input) => store.items.capture(input, new Date()).id);
        process.stdout.write(
          `${JSON.stringify({ saved: ids.length, ids, pending: store.outbox.pending() })}\n`,
        );
      } finally {
        store.close();
      }
    });
}

async function rowsOf(path: string): Promise<FeedbackItemInput[]> {
  const file = await readFeedbackFile(path);
  const [bad] = file.unreadable;
  if (bad) throw new UsageError(`${path} line ${bad.line}: ${bad.error}`);
  return file.rows.map((row) => {
    const fields: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(row.fields)) {
      if (value === '' || value === undefined) continue;
      fields[key] = key === 'times_heard' && typeof value === 'string' ? Number(value) : value;
    }
    return fields as FeedbackItemInput;
  });
}
