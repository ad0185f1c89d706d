import { DEFAULT_INDEX_OPTIONS } from '../../shared/grouping/centroid-index.js';
import { newIssueId } from '../../shared/domain/ids.js';
import {
  type PhraseCounts,
  UNLABELLED,
  issueTitle,
  phraseCountsOf,
} from '../../shared/grouping/issue-label.js';
import {
  type ReclusterItem,
  type ReclusterOptions,
  DEFAULT_RECLUSTER_OPTIONS,
  recluster,
} from '../../shared/grouping/recluster.js';
import { type TermVector, countTerms, vectorize } from '../../shared/grouping/term-vector.js';
import { tokenize } from '../../shared/text/tokenize.js';
import { sql } from 'kysely';
import {
  type IssueModel,
  createIssues,
  curatedIssueIds,
  retireIssue,
  saveModels,
  setAutoTitle,
} from '../issues/issues-repo.js';
import { itemsForGrouping, moveItems } from '../items/items-repo.js';
import { recomputeIssueTotals } from '../issues/issue-totals.js';
import { type Sql, rows } from '../storage/sql.js';
import type { Storage } from '../storage/storage.js';
import { bumpGeneration, loadVocabulary } from './vocabulary-repo.js';

/** Up to this many items a whole regroup takes seconds, so `wocas import` does it by itself. */
export const RECLUSTER_AUTOMATICALLY_UP_TO = 50_000;

export interface ReclusterSummary {
  items: number;
  moved: number;
  issuesBefore: number;
  issuesAfter: number;
}

interface Loaded extends ReclusterItem {
  issueId: string;
  text: string;
}

/**
 * Regroups every item with the batch algorithm and today's vocabulary, in one transaction.
 * Analysts' work survives: items an agent or analyst placed, and every item of an issue an analyst
 * has curated, stay put; issue ids carry over to the new cluster holding most of their items, so
 * status, owner and history stay attached; an emptied issue is retired with a redirect.
 */
export async function reclusterDatabase(
  storage: Storage,
  now: number,
  options: ReclusterOptions = DEFAULT_RECLUSTER_OPTIONS,
): Promise<ReclusterSummary> {
  return storage.write(async (tx): Promise<ReclusterSummary> => {
    const vocabulary = await loadVocabulary(tx);
    const curated = await curatedIssueIds(tx);
    const loaded: Loaded[] = [];
    for (const row of await itemsForGrouping(tx)) {
      const pinned =
        row.assigned_by === 'agent' || row.assigned_by === 'analyst' || curated.has(row.issue_id);
      loaded.push({
        id: row.id,
        issueId: row.issue_id,
        text: row.text,
        vector: vectorize(countTerms(tokenize(row.text)), vocabulary),
        pinnedIssueId: pinned ? row.issue_id : undefined,
        curated: curated.has(row.issue_id),
      });
    }
    const before = new Set(loaded.map((item) => item.issueId));
    const clusterOf = recluster(loaded, options);
    const issueOfCluster = matchClustersToIssues(loaded, clusterOf);

    const phrases = phraseCountsOf(vocabulary);
    const members = new Map<string, Loaded[]>();
    const created: { id: string; title: string }[] = [];
    const moves = new Map<string, string>();
    for (const item of loaded) {
      const key = clusterOf.get(item.id) as string;
      let issueId = issueOfCluster.get(key);
      if (issueId === undefined) {
        issueId = newIssueId();
        issueOfCluster.set(key, issueId);
        // Titled from all its members by saveCentroidsAndTitles below, in this transaction.
        created.push({ id: issueId, title: UNLABELLED.spaced });
      }
      if (issueId !== item.issueId) moves.set(item.id, issueId);
      const list = members.get(issueId) ?? [];
      list.push(item);
      members.set(issueId, list);
    }
    await createIssues(tx, created, now);
    await moveItems(tx, moves, 'recluster');
    await recomputeIssueTotals(tx);
    await retireEmptied(tx, loaded, members, now);
    await saveCentroidsAndTitles(tx, members, phrases);
    await bumpGeneration(tx);
    return {
      items: loaded.length,
      moved: moves.size,
      issuesBefore: before.size,
      issuesAfter: members.size,
    };
  });
}

/**
 * Recomputes these issues' centroids and automatic titles from their items as they are now (after
 * an analyst or an agent moved, changed or withdrew items), reading the vocabulary once for all of
 * them. Runs inside the caller's transaction.
 */
export async function rebuildIssueModels(tx: Sql, issueIds: Iterable<string>): Promise<void> {
  const vocabulary = await loadVocabulary(tx);
  const phrases = phraseCountsOf(vocabulary);
  for (const issueId of new Set(issueIds)) {
    const found = await rows(
      tx,
      sql<{
        id: string;
        text: string;
      }>`SELECT id, text FROM items WHERE issue_id = ${issueId} ORDER BY seq`,
    );
    const list: Loaded[] = found.map((row) => ({
      id: row.id,
      issueId,
      text: row.text,
      vector: vectorize(countTerms(tokenize(row.text)), vocabulary),
    }));
    if (list.length === 0) await saveModels(tx, new Map([[issueId, { size: 0, terms: [] }]]));
    else await saveCentroidsAndTitles(tx, new Map([[issueId, list]]), phrases);
  }
}

/** Greedy maximum overlap: each old issue lends its id to the cluster holding most of its items. */
function matchClustersToIssues(
  items: readonly Loaded[],
  clusterOf: ReadonlyMap<string, string>,
): Map<string, string> {
  const overlap = new Map<string, number>();
  const taken = new Set<string>();
  const issueOfCluster = new Map<string, string>();
  for (const item of items) {
    const key = clusterOf.get(item.id) as string;
    if (item.pinnedIssueId !== undefined) {
      issueOfCluster.set(key, key);
      taken.add(key);
    }
    const pair = `${key}\u0000${item.issueId}`;
    overlap.set(pair, (overlap.get(pair) ?? 0) + 1);
  }
  const pairs = [...overlap].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  for (const [pair] of pairs) {
    const [key, issueId] = pair.split('\u0000') as [string, string];
    if (issueOfCluster.has(key) || taken.has(issueId)) continue;
    issueOfCluster.set(key, issueId);
    taken.add(issueId);
  }
  return issueOfCluster;
}

async function retireEmptied(
  tx: Sql,
  items: readonly Loaded[],
  members: Map<string, Loaded[]>,
  now: number,
): Promise<void> {
  const successors = new Map<string, Map<string, number>>();
  for (const [issueId, list] of members) {
    for (const item of list) {
      if (item.issueId === issueId || members.has(item.issueId)) continue;
      const counts = successors.get(item.issueId) ?? new Map<string, number>();
      counts.set(issueId, (counts.get(issueId) ?? 0) + 1);
      successors.set(item.issueId, counts);
    }
  }
  for (const item of items) {
    if (members.has(item.issueId)) continue;
    const counts = successors.get(item.issueId);
    if (!counts) continue;
    const [into] = [...counts].sort((a, b) => b[1] - a[1])[0] as [string, number];
    await retireIssue(tx, item.issueId, into, now);
    successors.delete(item.issueId);
  }
}

/**
 * Persists each issue's centroid and, unless an analyst named it, titles it (issueTitle: a label
 * from its most distinctive shared phrase, never a verbatim).
 */
async function saveCentroidsAndTitles(
  tx: Sql,
  members: ReadonlyMap<string, readonly Loaded[]>,
  phrases: PhraseCounts,
): Promise<void> {
  const models = new Map<string, IssueModel>();
  for (const [issueId, list] of members) {
    const sum = new Map<string, number>();
    for (const { vector } of list) addInto(sum, vector);
    const terms = [...sum]
      .sort((a, b) => b[1] - a[1])
      .slice(0, DEFAULT_INDEX_OPTIONS.maxTerms)
      .map(([term, weight]): [string, number] => [term, Number(weight.toPrecision(6))]);
    models.set(issueId, { size: list.length, terms });
    await setAutoTitle(
      tx,
      issueId,
      issueTitle(
        list.map((item) => item.text),
        phrases,
      ),
    );
  }
  await saveModels(tx, models);
}

function addInto(sum: Map<string, number>, vector: TermVector): void {
  for (let i = 0; i < vector.terms.length; i++) {
    const term = vector.terms[i] as string;
    sum.set(term, (sum.get(term) ?? 0) + (vector.weights[i] as number));
  }
}
