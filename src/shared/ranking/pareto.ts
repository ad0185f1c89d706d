/** One issue's contribution to the contacts of a window. */
export interface ParetoInput {
  id: string;
  /** Contacts the issue stood for (times_heard); negative values count as 0. */
  value: number;
}

export interface ParetoPoint extends ParetoInput {
  /** Share of all contacts covered by this issue and every bigger one, 0..1. */
  cumulativeShare: number;
}

export interface Pareto {
  /** Issues, biggest first (ties by id, so the order never depends on the input's). */
  points: ParetoPoint[];
  /** All contacts. */
  total: number;
  threshold: number;
  /** The fewest issues whose contacts reach `threshold` of the total (0 when there are none). */
  vitalFew: number;
  /** vitalFew as a share of all issues, 0..1. */
  vitalFewShare: number;
}

/**
 * The Pareto view of a window: issues by contacts, biggest first, the running share of contacts,
 * and how few issues make `threshold` (80%) of them. A relative tolerance of 1e-12 keeps an exact
 * hit (80 of 100) from being missed by a rounding error in 0.8 × total; contacts are integers, so
 * it cannot admit a real shortfall below 10^12 contacts.
 */
export function pareto(issues: readonly ParetoInput[], threshold = 0.8): Pareto {
  const sorted = issues
    .map((issue) => ({ id: issue.id, value: Math.max(0, issue.value) }))
    .sort((a, b) => b.value - a.value || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const total = sorted.reduce((sum, issue) => sum + issue.value, 0);
  let running = 0;
  let vitalFew = 0;
  const points = sorted.map((issue, i): ParetoPoint => {
    running += issue.value;
    if (vitalFew === 0 && total > 0 && running >= total * threshold * (1 - 1e-12)) vitalFew = i + 1;
    return { ...issue, cumulativeShare: total > 0 ? running / total : 0 };
  });
  return {
    points,
    total,
    threshold,
    vitalFew,
    vitalFewShare: points.length > 0 ? vitalFew / points.length : 0,
  };
}
