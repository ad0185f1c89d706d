import { Command, Option } from 'commander';
import {
  WEBHOOK_FORMATS,
  WebhookSettingError,
  parseEvents,
} from '../../server/webhooks/webhook-events.js';
import { addWebhook, removeWebhook, webhookStatuses } from '../../server/webhooks/webhooks-repo.js';
import type { Storage } from '../../server/storage/storage.js';
import { type StorageOptions, withStorageOptions } from '../storage-options.js';
import { UsageError } from '../usage-error.js';
import { withStorage } from '../with-aggregator.js';

async function settingAction<T>(
  options: StorageOptions,
  work: (storage: Storage) => Promise<T>,
): Promise<T> {
  return withStorage(options, async (storage) => {
    try {
      return await work(storage);
    } catch (error) {
      throw error instanceof WebhookSettingError ? new UsageError(error.message) : error;
    }
  });
}

function addCommand(): Command {
  return withStorageOptions(new Command('add'))
    .description(
      'POST events to URL while `wocas serve` runs; prints {"id","secret"} (the secret signs each body)',
    )
    .argument('<url>', 'the receiver, e.g. a Slack or Teams incoming webhook')
    .option('--events <list>', 'comma-separated: status, emerging, new_issue (default: all)')
    .addOption(
      new Option('--format <format>', 'body format').choices(WEBHOOK_FORMATS).default('json'),
    )
    .action(async (url: string, options: StorageOptions & { events?: string; format: string }) => {
      const created = await settingAction(options, (storage) =>
        storage.write((tx) =>
          addWebhook(tx, url, parseEvents(options.events), options.format, Date.now()),
        ),
      );
      process.stdout.write(`${JSON.stringify(created)}\n`);
    });
}

function listCommand(): Command {
  return withStorageOptions(new Command('list'))
    .description(
      'webhooks with their deliveries: delivered, pending, attempts and the last error (never secrets)',
    )
    .option('--json', 'one JSON array')
    .action(async (options: StorageOptions & { json?: boolean }) => {
      const hooks = await withStorage(options, webhookStatuses);
      if (options.json) {
        process.stdout.write(`${JSON.stringify(hooks)}\n`);
        return;
      }
      if (hooks.length === 0) process.stdout.write('No webhooks.\n');
      for (const hook of hooks) {
        const failing =
          hook.last_error === null
            ? ''
            : `  failing after ${hook.max_attempts} attempts: ${hook.last_error}`;
        process.stdout.write(
          `${hook.id}  ${hook.url}  ${hook.events.join(',')}  ${hook.format}  delivered ${hook.delivered}, pending ${hook.pending}${failing}\n`,
        );
      }
    });
}

function removeCommand(): Command {
  return withStorageOptions(new Command('remove'))
    .description('remove a webhook and the deliveries still waiting for it')
    .argument('<id>', 'webhook id (whk_…)')
    .action(async (id: string, options: StorageOptions) => {
      await settingAction(options, (storage) => storage.write((tx) => removeWebhook(tx, id)));
      process.stdout.write(`${JSON.stringify({ removed: id })}\n`);
    });
}

export function webhookCommand(): Command {
  return new Command('webhook')
    .description('alerts: status changes, emerging issues and new issues POSTed to your chat tool')
    .addCommand(addCommand())
    .addCommand(listCommand())
    .addCommand(removeCommand());
}
