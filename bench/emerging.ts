/**
 * Emerging-issue flags: how often they go off on data without spikes (false alarms per 100
 * issue-weeks) and how often they catch a planted one. Weekly counts are drawn per issue from a
 * Poisson (steady), a gamma-Poisson (bursty, variance twice to ten times the mean) or a Poisson
 * whose rate grows 5 % a week (slowly growing), over rates from one contact a quarter to 500 a week.
 * Each week after the first BASELINE_WINDOWS is judged against the weeks before it, as the ranking
 * does. Run: npm run bench:emerging
 */
import { BASELINE_WINDOWS, judgeEmerging } from '../src/shared/ranking/emerging.js';
import { seededRandom } from './zipf-sample.js';

const ISSUES = 2_000;
const WEEKS = 52;
const RATES = [0.08, 0.25, 0.5, 1, 2, 5, 10, 30, 100, 500];

type Random = () => number;

function normal(random: Random): number {
  return Math.sqrt(-2 * Math.log(random() || 1e-12)) * Math.cos(2 * Math.PI * random());
}

function poisson(mean: number, random: Random): number {
  if (mean > 50) return Math.max(0, Math.round(mean + Math.sqrt(mean) * normal(random)));
  const limit = Math.exp(-mean);
  let k = 0;
  for (let p = random(); p > limit; p *= random()) k++;
  return k;
}

/** Gamma(shape, 1) by Marsaglia and Tsang (shape < 1 boosted). */
function gamma(shape: number, random: Random): number {
  if (shape < 1) return gamma(shape + 1, random) * random() ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = normal(random);
    const v = (1 + c * x) ** 3;
    if (v > 0 && Math.log(random()) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

type Kind = 'steady' | 'bursty' | 'growing';

function weeks(kind: Kind, rate: number, random: Random): number[] {
  const dispersion = 2 + 8 * random();
  return Array.from({ length: WEEKS }, (_, week) => {
    if (kind === 'steady') return poisson(rate, random);
    if (kind === 'growing') return poisson(rate * 1.05 ** week, random);
    // Variance = dispersion × mean: gamma with shape mean / (dispersion − 1).
    const shape = rate / (dispersion - 1);
    return poisson(gamma(shape, random) * (rate / shape), random);
  });
}

function run(): void {
  const random = seededRandom(14);
  const flags: Record<Kind, { weeks: number; flagged: number }> = {
    steady: { weeks: 0, flagged: 0 },
    bursty: { weeks: 0, flagged: 0 },
    growing: { weeks: 0, flagged: 0 },
  };
  let spikes = 0;
  let caught = 0;
  for (let i = 0; i < ISSUES; i++) {
    const kind = (['steady', 'bursty', 'growing'] as const)[i % 3] as Kind;
    const rate = RATES[Math.floor(random() * RATES.length)] as number;
    const counts = weeks(kind, rate, random);
    for (let week = BASELINE_WINDOWS; week < WEEKS; week++) {
      const verdict = judgeEmerging({
        current: counts[week] as number,
        baseline: counts.slice(week - BASELINE_WINDOWS, week),
        isNew: false,
      });
      flags[kind].weeks++;
      if (verdict.emerging) flags[kind].flagged++;
    }
    // The same history with a spike planted in its last week: 3 contacts, or four times the rate.
    if (kind === 'steady') {
      const spike = Math.max(3, Math.round(rate * 4));
      spikes++;
      if (
        judgeEmerging({
          current: spike,
          baseline: counts.slice(WEEKS - 1 - BASELINE_WINDOWS, WEEKS - 1),
          isNew: false,
        }).emerging
      )
        caught++;
    }
  }
  const total = Object.values(flags).reduce(
    (sum, f) => ({ weeks: sum.weeks + f.weeks, flagged: sum.flagged + f.flagged }),
    { weeks: 0, flagged: 0 },
  );
  const per100 = (f: { weeks: number; flagged: number }) =>
    Number(((100 * f.flagged) / f.weeks).toFixed(3));
  const result = {
    issue_weeks: total.weeks,
    false_alarms_per_100_issue_weeks: per100(total),
    by_kind: Object.fromEntries(
      Object.entries(flags).map(([kind, f]) => [
        kind,
        { issue_weeks: f.weeks, flagged: f.flagged, per_100: per100(f) },
      ]),
    ),
    planted_spikes: spikes,
    spikes_caught: caught,
  };
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

run();
