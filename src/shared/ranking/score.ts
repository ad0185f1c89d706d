/** What ranking needs to know of an issue in a window. */
export interface IssueVolume {
  /** Contacts the items stand for (sum of times_heard). */
  times_heard: number;
  /** Distinct agents who reported it. */
  agents: number;
}

/**
 * An issue's importance: the contacts it stood for in the window, scaled up by how widely it was
 * heard. One agent's reports count as they are; heard by 10 agents, the contacts count double; by
 * 100, triple. Breadth matters because an issue many agents hear is systemic, while one agent's
 * big count may be one bad afternoon.
 */
export function issueScore(volume: IssueVolume): number {
  const breadth = 1 + Math.log10(Math.max(1, volume.agents));
  return Math.round(volume.times_heard * breadth * 100) / 100;
}

/** Change against the previous period of equal length, in contacts. */
export function issueTrend(current: number, previous: number): number {
  return current - previous;
}
