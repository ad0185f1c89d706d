import { writeFile } from 'node:fs/promises';
import { Command, Option } from 'commander';
import { parseIsoWeek } from '../../shared/time/iso-week.js';
import {
  REPORT_FORMATS,
  type ReportFormat,
  UnknownTeamError,
  weeklyReportFile,
} from '../../server/reports/render-report.js';
import { REPORT_LANGUAGES, type ReportLanguage } from '../../server/reports/report-text.js';
import { type StorageOptions, withStorageOptions } from '../storage-options.js';
import { withStorage } from '../with-aggregator.js';
import { UsageError } from '../usage-error.js';

interface ReportOptions extends StorageOptions {
  team: string;
  week: string;
  format: ReportFormat;
  out: string;
  lang: ReportLanguage;
  tz: string;
}

export function reportCommand(): Command {
  return withStorageOptions(new Command('report'))
    .description('the weekly WOCAS report for one team (or all) and one ISO week')
    .requiredOption('--team <team>', 'team name, or "all"')
    .requiredOption('--week <YYYY-Www>', 'ISO week, e.g. 2026-W47 (Monday to Sunday)')
    .addOption(
      new Option('--format <format>', 'file format').choices(REPORT_FORMATS).makeOptionMandatory(),
    )
    .requiredOption('--out <file>', 'where to write it')
    .addOption(new Option('--lang <lang>', 'language').choices(REPORT_LANGUAGES).default('en'))
    .option('--tz <zone>', 'time zone the week is counted in (IANA name)', 'UTC')
    .action(async (options: ReportOptions) => {
      let week;
      try {
        week = parseIsoWeek(options.week);
      } catch (error) {
        throw new UsageError(`--week: ${(error as Error).message}`);
      }
      await withStorage(options, async (storage) => {
        if (process.stderr.isTTY) process.stderr.write(`building the ${options.week} report…\n`);
        let bytes;
        try {
          const request = {
            team: options.team,
            week,
            timeZone: options.tz,
            lang: options.lang,
            format: options.format,
          };
          bytes = await weeklyReportFile(storage, request, Date.now());
        } catch (error) {
          if (error instanceof RangeError) throw new UsageError(`--tz: ${error.message}`);
          if (error instanceof UnknownTeamError) throw new UsageError(`--team: ${error.message}`);
          throw error;
        }
        await writeFile(options.out, bytes);
        if (process.stderr.isTTY)
          process.stderr.write(`wrote ${options.out} (${bytes.length.toLocaleString()} bytes)\n`);
      });
    });
}
