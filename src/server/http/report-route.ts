import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { parseArgs } from '../../shared/api/parse-args.js';
import { ISO_WEEK_PATTERN, parseIsoWeek } from '../../shared/time/iso-week.js';
import type { Aggregator } from '../aggregator.js';
import { PdfUnavailableError } from '../reports/formats/pdf-unavailable-error.js';
import {
  REPORT_CONTENT_TYPES,
  REPORT_FORMATS,
  UnknownTeamError,
  weeklyReportFile,
} from '../reports/render-report.js';
import { REPORT_LANGUAGES } from '../reports/report-text.js';
import { scopedTeam } from '../tokens/permissions.js';
import type { TokensRepo } from '../tokens/tokens-repo.js';
import { requirePermission, tokenOf } from './authenticate.js';
import type { HeavyReads } from './heavy-reads.js';
import { HttpError } from './http-error.js';

const query = z.strictObject({
  team: z.string().min(1).max(120),
  week: z.string().regex(ISO_WEEK_PATTERN, 'must be an ISO week like 2026-W47'),
  format: z.enum(REPORT_FORMATS),
  lang: z.enum(REPORT_LANGUAGES).default('en'),
  tz: z.string().max(64).default('UTC'),
});

/**
 * GET /api/v1/reports/weekly: the same files as `wocas report`, as a download ("Export weekly
 * report" in the UI). Leads get their own team's only; agents none.
 */
export function registerReportRoute(
  app: FastifyInstance,
  aggregator: Aggregator,
  tokens: TokensRepo,
  heavy: HeavyReads,
): void {
  app.get(
    '/api/v1/reports/weekly',
    { onRequest: requirePermission(tokens, 'GET /api/v1/reports/weekly') },
    async (request, reply) => {
      const token = tokenOf(request);
      const parsed = parseArgs(query, request.query, 'query');
      if (!parsed.ok) throw new HttpError(400, parsed.message);
      const { team, week, format, lang, tz } = parsed.value;
      // `all` is a team name here too: a lead asking for it is asking for another team's figures.
      scopedTeam(token, team);
      let bytes: Buffer;
      try {
        bytes = await heavy.run(() =>
          weeklyReportFile(
            aggregator.storage,
            { team, week: parseIsoWeek(week), timeZone: tz, lang, format },
            aggregator.clock(),
          ),
        );
      } catch (error) {
        if (error instanceof RangeError) throw new HttpError(400, error.message);
        if (error instanceof UnknownTeamError) throw new HttpError(404, error.message);
        if (error instanceof PdfUnavailableError) throw new HttpError(501, error.message);
        throw error;
      }
      const name = `wocas-${team.replace(/[^\w-]+/g, '_')}-${week}.${format}`;
      return reply
        .header('content-type', REPORT_CONTENT_TYPES[format])
        .header('content-disposition', `attachment; filename="${name}"`)
        .send(bytes);
    },
  );
}
