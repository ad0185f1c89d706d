import type { FeedbackItemInput } from '../../shared/domain/feedback-item.js';
import { CHANNELS } from '../../shared/domain/feedback-item.js';

export interface DemoVerbatim {
  issue: string;
  lang: string;
  text: string;
  root_cause: string;
  suggested_fix: string;
}

const TEAMS = {
  billing: ['amy', 'bilal', 'chen', 'dana', 'eve', 'fang'],
  support: ['gus', 'hana', 'ivan', 'jia', 'kofi', 'lena', 'ming', 'nora'],
  retention: ['omar', 'pia', 'qiang', 'rosa'],
  sales: ['sam', 'tao', 'uma', 'vik'],
} as const;
const SEGMENTS = ['new', 'returning', 'high_value', 'at_risk'] as const;
const CHANNEL_WEIGHTS = [0.45, 0.15, 0.28, 0.04, 0.05, 0.03];
const WEEKS = 8;
const DAY = 86_400_000;

function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(values: readonly T[], random: () => number, weights?: readonly number[]): T {
  if (!weights) return values[Math.floor(random() * values.length)] as T;
  let r = random() * weights.reduce((a, b) => a + b, 0);
  for (let i = 0; i < values.length; i++) {
    r -= weights[i] as number;
    if (r <= 0) return values[i] as T;
  }
  return values[values.length - 1] as T;
}

/**
 * Eight weeks of feedback from a 22-agent centre, ending at `now`: issue volumes follow a Pareto
 * curve, some issues rise over the weeks and some fade, a few items stand for several contacts.
 * Seeded, so the demo database is the same on every machine.
 */
export function generateDemoFeedback(
  verbatims: readonly DemoVerbatim[],
  now: number,
  count = 1_500,
): FeedbackItemInput[] {
  return generateLabelledDemoFeedback(verbatims, now, count).map(({ item }) => item);
}

/** The demo's items, each with the planted problem it was drawn from, so its grouping can be scored. */
export function generateLabelledDemoFeedback(
  verbatims: readonly DemoVerbatim[],
  now: number,
  count = 1_500,
): { item: FeedbackItemInput; planted: string }[] {
  const random = seeded(77);
  const byIssue = new Map<string, DemoVerbatim[]>();
  for (const v of verbatims) byIssue.set(v.issue, [...(byIssue.get(v.issue) ?? []), v]);
  const issues = [...byIssue.keys()].sort();
  const weights = issues.map((_, rank) => 1 / (rank + 1));
  // Each issue's shape over the weeks: rising, fading or steady.
  const shapes = issues.map((_, i) => (i % 5 === 1 ? 'rising' : i % 5 === 3 ? 'fading' : 'steady'));
  const teams = Object.entries(TEAMS);
  const items: { item: FeedbackItemInput; planted: string }[] = [];
  for (let n = 0; n < count; n++) {
    const issueIndex = issues.indexOf(pick(issues, random, weights));
    const week = drawWeek(shapes[issueIndex] as string, random);
    const [team, agents] = pick(teams, random, [3, 4, 1.5, 1]);
    const verbatim = pick(byIssue.get(issues[issueIndex] as string) as DemoVerbatim[], random);
    const created = now - (WEEKS - 1 - week) * 7 * DAY - Math.floor(random() * 7 * DAY);
    const item: FeedbackItemInput = {
      id: `demo-${String(n + 1).padStart(5, '0')}`,
      text: verbatim.text,
      channel: pick(CHANNELS, random, CHANNEL_WEIGHTS),
      team,
      agent: pick(agents, random),
      created_at: new Date(created).toISOString(),
      times_heard: random() < 0.85 ? 1 : 2 + Math.floor(random() * 4),
      segment: pick(SEGMENTS, random, [2, 5, 1, 1.5]),
      ...(verbatim.root_cause ? { root_cause: verbatim.root_cause } : {}),
      ...(verbatim.suggested_fix ? { suggested_fix: verbatim.suggested_fix } : {}),
    };
    items.push({ item, planted: verbatim.issue });
  }
  return items;
}

function drawWeek(shape: string, random: () => number): number {
  const weeks = Array.from({ length: WEEKS }, (_, w) => w);
  const weights = weeks.map((w) =>
    shape === 'rising' ? 1 + w * w * 0.4 : shape === 'fading' ? WEEKS - w : 1,
  );
  return pick(weeks, random, weights);
}
