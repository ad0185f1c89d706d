import { Command, Option } from 'commander';
import { CHANNELS } from '../../shared/domain/item-fields.js';
import {
  CostSettingError,
  costSettings,
  setChannelCost,
} from '../../server/costs/channel-costs.js';
import { type StorageOptions, withStorageOptions } from '../storage-options.js';
import { UsageError } from '../usage-error.js';
import { withStorage } from '../with-aggregator.js';

interface SetOptions extends StorageOptions {
  channel: string;
  minutes: string;
  perMinute: string;
  currency?: string;
}

function number(name: string, value: string): number {
  if (!/^\d+(\.\d+)?$/.test(value))
    throw new UsageError(`--${name} must be a number ≥ 0, got "${value}"`);
  return Number(value);
}

function setCommand(): Command {
  return withStorageOptions(new Command('set'))
    .description(
      "set a channel's average handling minutes and cost per minute (the ranking's cost to serve)",
    )
    .addOption(
      new Option('--channel <channel>', 'the channel').choices(CHANNELS).makeOptionMandatory(),
    )
    .requiredOption('--minutes <m>', 'average handling minutes per contact')
    .requiredOption('--per-minute <p>', 'cost of one handling minute')
    .option('--currency <code>', 'ISO 4217 code for every cost, e.g. USD, EUR, CNY')
    .action(async (options: SetOptions) => {
      const cost = {
        minutes: number('minutes', options.minutes),
        per_minute: number('per-minute', options.perMinute),
      };
      await withStorage(options, async (storage) => {
        try {
          await storage.write((tx) => setChannelCost(tx, options.channel, cost, options.currency));
        } catch (error) {
          throw error instanceof CostSettingError ? new UsageError(error.message) : error;
        }
        process.stdout.write(`${JSON.stringify(await costSettings(storage))}\n`);
      });
    });
}

function showCommand(): Command {
  return withStorageOptions(new Command('show'))
    .description('show the cost settings')
    .option('--json', 'print {"currency":…,"channels":{"phone":{"minutes":…,"per_minute":…},…}}')
    .action(async (options: StorageOptions & { json?: boolean }) => {
      const settings = await withStorage(options, costSettings);
      if (options.json) {
        process.stdout.write(`${JSON.stringify(settings)}\n`);
        return;
      }
      const lines = Object.entries(settings.channels).map(
        ([channel, cost]) =>
          `${channel.padEnd(8)}${String(cost.minutes).padStart(8)} min × ${cost.per_minute} ${settings.currency}/min = ${(cost.minutes * cost.per_minute).toFixed(2)} ${settings.currency} a contact`,
      );
      process.stdout.write(
        lines.length === 0
          ? `No channel costs set (currency ${settings.currency}); every contact costs 0.\n`
          : `${lines.join('\n')}\n`,
      );
    });
}

export function costCommand(): Command {
  return new Command('cost')
    .description('cost to serve a contact, per channel')
    .addCommand(setCommand())
    .addCommand(showCommand());
}
