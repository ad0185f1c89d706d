import { z } from 'zod';
import { ISSUE_STATUSES, type ValueDimension } from '../../shared/domain/issue.js';
import type { IssueDetail } from '../../shared/api/contract.js';
import { issuePriorityArgsShape } from '../../shared/api/call-args.js';
import { HttpError } from '../http/http-error.js';
import { IssueNotFoundError, issueDetail } from '../insights/issue-detail.js';
import {
  IssueActionError,
  IssueMissingError,
  mergeIssues,
  moveItems,
  splitIssue,
  updateIssue,
} from '../issues/issue-actions.js';
import { issueHistory, survivingIssueId } from '../issues/issue-history.js';
import { issueItems } from '../issues/issue-items.js';
import { getIssue } from '../issues/issues-repo.js';
import type { Sql } from '../storage/sql.js';
import type { CallContext, HandlerMap } from './handler-registry.js';
import { itemFilter, parseArgs, windowFilterShape } from './parse-args.js';

const issueId = z.string().min(1).max(64);
const itemIds = z.array(z.string().min(1).max(200)).min(1).max(10_000);
/** What an analyst types: long enough for a paragraph, short enough to stay a note. */
const typed = (max: number) => z.string().max(max);

const updateArgs = z.strictObject({
  id: issueId,
  status: z.enum(ISSUE_STATUSES).optional(),
  owner: typed(200).nullable().optional(),
  title: typed(200).nullable().optional(),
  root_cause: typed(2_000).nullable().optional(),
  note: typed(2_000).optional(),
  ...issuePriorityArgsShape,
});

/** The issue actions' refusals as HTTP answers: an unknown issue is a 404, anything else a 400. */
async function acting<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof IssueMissingError) throw new HttpError(404, error.message);
    if (error instanceof IssueActionError) throw new HttpError(400, error.message);
    throw error;
  }
}

/** The issue after an edit, all time; an issue whose items were all moved away has zero counts. */
async function detailAfterEdit(q: Sql, id: string, now: number): Promise<IssueDetail> {
  try {
    return await issueDetail(q, id, {}, now);
  } catch (error) {
    if (!(error instanceof IssueNotFoundError)) throw error;
    return emptyDetail(q, id, now);
  }
}

async function emptyDetail(q: Sql, id: string, now: number): Promise<IssueDetail> {
  const row = await getIssue(q, id);
  if (!row) throw new HttpError(404, `no issue ${id}`);
  const at = new Date(now).toISOString();
  return {
    issue: {
      id,
      title: row.title,
      status: row.status,
      owner: row.owner,
      mentions: 0,
      times_heard: 0,
      agents: 0,
      first_seen: at,
      last_seen: at,
      trend: 0,
      previous_times_heard: 0,
      score: 0,
      preventable: row.preventable === null ? null : Number(row.preventable) === 1,
      value_dimension: row.value_dimension as ValueDimension | null,
      cost: 0,
      emerging: false,
      emerging_reason: null,
    },
    root_cause: row.root_cause,
    verbatims: [],
    root_causes: [],
    suggested_fixes: [],
  };
}

const by = ({ token, now }: CallContext) => ({ now, actor: token.name });

/** Curation where the analyst is looking: the same server code as `wocas issue …`. */
export const workbenchHandlers: HandlerMap = {
  'issues.update': {
    run: async (args, context) => {
      const { id, ...update } = parseArgs(updateArgs, args);
      await acting(() => updateIssue(context.aggregator.storage, id, update, by(context)));
      return detailAfterEdit(context.aggregator.storage, id, context.now);
    },
  },
  'issues.merge': {
    run: async (args, context) => {
      const { id, into } = parseArgs(z.strictObject({ id: issueId, into: issueId }), args);
      await acting(() => mergeIssues(context.aggregator.storage, id, into, by(context)));
      return { id: into };
    },
  },
  'issues.split': {
    run: async (args, context) => {
      const input = parseArgs(
        z.strictObject({ id: issueId, itemIds, title: typed(200).optional() }),
        args,
      );
      return {
        id: await acting(() =>
          splitIssue(context.aggregator.storage, input.id, input.itemIds, input.title, by(context)),
        ),
      };
    },
  },
  'issues.moveItems': {
    run: async (args, context) => {
      const input = parseArgs(z.strictObject({ itemIds, into: issueId }), args);
      return {
        moved: await acting(() =>
          moveItems(context.aggregator.storage, input.itemIds, input.into, by(context)),
        ),
      };
    },
  },
  'issues.history': {
    run: async (args, { aggregator }) => {
      const { id } = parseArgs(z.strictObject({ id: issueId }), args);
      const history = await issueHistory(aggregator.storage, id);
      if (history === undefined) throw new HttpError(404, `no issue ${id}`);
      return history;
    },
  },
  'issues.items': {
    run: async (args, { aggregator, token }) => {
      const input = parseArgs(
        z.strictObject({
          id: issueId,
          ...windowFilterShape,
          offset: z.int().min(0).max(1_000_000).optional(),
          limit: z.int().min(1).max(500).optional(),
          search: z.string().max(200).optional(),
        }),
        args,
      );
      const target = await survivingIssueId(aggregator.storage, input.id);
      if (target === undefined) throw new HttpError(404, `no issue ${input.id}`);
      return issueItems(aggregator.storage, target, {
        ...itemFilter(input, token),
        offset: input.offset,
        limit: input.limit,
        search: input.search,
      });
    },
  },
};
