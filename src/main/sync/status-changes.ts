import type { IssueStatus } from '../../shared/domain/issue.js';
import type { MyFeedback } from '../store/my-feedback.js';

/** An issue the agent reported into, whose status moved. */
export interface StatusChange {
  issueId: string;
  title: string;
  from: IssueStatus;
  to: IssueStatus;
  owner?: string | null;
  rootCause?: string | null;
  note?: string | null;
}

interface IssueNow {
  title: string;
  status: IssueStatus;
  owner?: string | null;
  rootCause?: string | null;
  note?: string | null;
}

export type IssueStatuses = ReadonlyMap<string, IssueNow>;

/** The current status of each issue the agent's items are in (merges already followed). */
export function statusesOf(mine: readonly MyFeedback[]): IssueStatuses {
  const statuses = new Map<string, IssueNow>();
  for (const item of mine)
    if (item.issue)
      statuses.set(item.issue.id, {
        title: item.issue.title,
        status: item.issue.status,
        owner: item.issue.owner,
        rootCause: item.issue.root_cause,
        note: item.issue.note,
      });
  return statuses;
}

/**
 * Issues whose status differs between two snapshots taken around a sync. An issue the agent's
 * items only now land in is not a change of status: the agent hears about it in "My feedback".
 */
export function statusChanges(before: IssueStatuses, after: IssueStatuses): StatusChange[] {
  const changes: StatusChange[] = [];
  for (const [issueId, now] of after) {
    const then = before.get(issueId);
    if (then && then.status !== now.status)
      changes.push({
        issueId,
        title: now.title,
        from: then.status,
        to: now.status,
        owner: now.owner ?? null,
        rootCause: now.rootCause ?? null,
        note: now.note ?? null,
      });
  }
  return changes;
}

const STATUS_WORDS: Record<IssueStatus, string> = {
  new: 'new',
  investigating: 'being investigated',
  fix_in_progress: 'being fixed',
  fixed: 'fixed',
  wont_fix: 'closed without a fix',
};

/** What became of an issue, in one line: status, then owner, confirmed cause and note when known. */
export function oneLine(change: StatusChange): string {
  const parts = [`"${change.title}" is now ${STATUS_WORDS[change.to]}`];
  if (change.owner) parts.push(`owner: ${change.owner}`);
  if (change.rootCause) parts.push(`cause: ${change.rootCause}`);
  if (change.note) parts.push(change.note);
  return `${parts.join(' · ')}.`.replace(/\.\.$/, '.');
}

/** The desktop notifications for some changes: one each, or one summary when there are many. */
export function notificationsFor(
  changes: readonly StatusChange[],
): { title: string; body: string }[] {
  if (changes.length > 3) {
    return [
      {
        title: 'WOCAS: your feedback moved',
        body: `${changes.length} issues you reported changed status. Open "My feedback" to see them.`,
      },
    ];
  }
  return changes.map((change) => ({
    title: 'WOCAS: your feedback moved',
    body: oneLine(change),
  }));
}
