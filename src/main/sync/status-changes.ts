import type { IssueStatus } from '../../shared/domain/issue.js';
import type { MyFeedback } from '../store/my-feedback.js';

/** An issue the agent reported into, whose status moved. */
export interface StatusChange {
  issueId: string;
  title: string;
  from: IssueStatus;
  to: IssueStatus;
}

export type IssueStatuses = ReadonlyMap<string, { title: string; status: IssueStatus }>;

/** The current status of each issue the agent's items are in (merges already followed). */
export function statusesOf(mine: readonly MyFeedback[]): IssueStatuses {
  const statuses = new Map<string, { title: string; status: IssueStatus }>();
  for (const item of mine)
    if (item.issue)
      statuses.set(item.issue.id, { title: item.issue.title, status: item.issue.status });
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
      changes.push({ issueId, title: now.title, from: then.status, to: now.status });
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
    body: `"${change.title}" is now ${STATUS_WORDS[change.to]}.`,
  }));
}
