import type { ValueDimension } from '../../shared/domain/issue.js';
import type { IssueDetail } from '../../shared/api/contract.js';
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
import { findIssues } from '../issues/find-issues.js';
import { issueSamples } from '../issues/issue-samples.js';
import { issueItems } from '../issues/issue-items.js';
import { similarIssues } from '../issues/similar-issues.js';
import { splitProposal } from '../issues/split-proposal.js';
import { getIssue } from '../issues/issues-repo.js';
import type { Sql } from '../storage/sql.js';
import { itemOwner } from '../tokens/permissions.js';
import type { CallContext, HandlerMap } from './handler-registry.js';
import { itemFilter } from './window-args.js';

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
    all_time: { first_seen: at, last_seen: at },
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
    run: async ({ id, ...update }, context) => {
      await acting(() => updateIssue(context.aggregator.storage, id, update, by(context)));
      return detailAfterEdit(context.aggregator.storage, id, context.now);
    },
  },
  'issues.merge': {
    run: async ({ id, into }, context) => {
      await acting(() => mergeIssues(context.aggregator.storage, id, into, by(context)));
      return { id: into };
    },
  },
  'issues.split': {
    run: async (input, context) => {
      return {
        id: await acting(() =>
          splitIssue(context.aggregator.storage, input.id, input.itemIds, input.title, by(context)),
        ),
      };
    },
  },
  'issues.moveItems': {
    run: async (input, context) => {
      return {
        moved: await acting(() =>
          moveItems(context.aggregator.storage, input.itemIds, input.into, by(context)),
        ),
      };
    },
  },
  'issues.history': {
    run: async ({ id }, { aggregator }) => {
      const history = await issueHistory(aggregator.storage, id);
      if (history === undefined) throw new HttpError(404, `no issue ${id}`);
      return history;
    },
  },
  'issues.similar': {
    run: async ({ id, limit }, { aggregator }) => {
      const target = (await survivingIssueId(aggregator.storage, id)) ?? id;
      const similar = await similarIssues(
        aggregator.storage,
        (await aggregator.ingestor.refresh()).index,
        target,
        limit ?? 5,
      );
      if (similar === undefined) throw new HttpError(404, `no issue ${id}`);
      return similar;
    },
  },
  'issues.splitProposal': {
    run: async ({ id }, { aggregator }) => {
      const target = await survivingIssueId(aggregator.storage, id);
      if (target === undefined) throw new HttpError(404, `no issue ${id}`);
      return splitProposal(
        aggregator.storage,
        aggregator.ingestor.currentGrouper.vocabulary,
        target,
      );
    },
  },
  'issues.samples': {
    run: ({ ids }, { aggregator, token }) =>
      issueSamples(aggregator.storage, [...new Set(ids)], itemOwner(token)),
  },
  'issues.find': {
    run: (input, { aggregator }) => findIssues(aggregator.storage, input),
  },
  'issues.items': {
    run: async (input, { aggregator, token }) => {
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
