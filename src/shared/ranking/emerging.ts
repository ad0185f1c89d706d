/**
 * Is an issue "emerging": are its contacts in a window well above its own usual rate?
 *
 * The test is an upper-tail probability for counts. The usual rate is the mean of the issue's
 * trailing windows of equal length, shrunk by half a contact so that "none in months" means "rare",
 * not "impossible". When those windows vary more than a Poisson count would (a growing or bursty
 * issue), the tail comes from a negative binomial with that variance instead, so a large, noisy or
 * slowly growing issue is not news every week. Three guards keep the list short: a minimum count
 * (one or two contacts are never news), a minimum ratio (the rate at least doubled), and a higher
 * bar for issues first seen inside the window (every new issue has "none before").
 */

/** At least this many contacts in the window. */
export const EMERGING_MIN_COUNT = 3;
/** At least this many times the usual rate. */
export const EMERGING_MIN_RATIO = 2;
/** The chance of so many contacts at the usual rate must be below this. */
export const EMERGING_MAX_P = 0.001;
/** An issue first seen inside the window needs this many contacts there to be flagged. */
export const NEW_ISSUE_MIN_COUNT = 10;
/**
 * The least over-dispersion assumed (negative binomial size; variance = mean + mean² / size).
 * Chosen with bench/emerging.ts: it keeps bursty issues' false alarms low while a few contacts
 * after months of none still stand out, since at small means the size hardly matters.
 */
export const MAX_SIZE = 10;
/** Trailing windows the usual rate is taken from. */
export const BASELINE_WINDOWS = 8;
/** Contacts added to the trailing windows' total, so that "none in months" means rare, not impossible. */
export const PRIOR_CONTACTS = 0.5;

export interface EmergingInput {
  /** Contacts (times heard) in the window judged. */
  current: number;
  /** Contacts in each trailing window of equal length since the issue was first seen, oldest first. */
  baseline: readonly number[];
  /** First seen inside the window judged: no history to compare with. */
  isNew: boolean;
}

export interface EmergingVerdict {
  emerging: boolean;
  current: number;
  /** The usual contacts per window the test assumes: the trailing windows' mean plus the prior. */
  expected: number;
  /** The trailing windows' mean contacts, without the prior: what was heard, as the trend shows it. */
  usual: number;
  /** Upper-tail probability of `current` or more at the usual rate (1 when not computed). */
  p: number;
  /** Trailing windows the usual rate came from. */
  windows: number;
  isNew: boolean;
}

/** ln Γ(x) for x > 0 (Lanczos, g = 7): enough digits for tail probabilities. */
export function logGamma(x: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
    -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
    1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let sum = c[0] as number;
  for (let i = 1; i < 9; i++) sum += (c[i] as number) / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** Sums a tail from its first term on; `ratio(k)` is term(k+1) / term(k). */
function sumTail(logFirst: number, from: number, ratio: (k: number) => number): number {
  let term = Math.exp(logFirst);
  let total = 0;
  for (let k = from; k < from + 100_000 && term > 0; k++) {
    total += term;
    if (term < total * 1e-12) break;
    term *= ratio(k);
  }
  return Math.min(1, total);
}

/** P(X ≥ c) for X ~ Poisson(mean). */
export function poissonUpperTail(c: number, mean: number): number {
  if (c <= 0) return 1;
  if (mean <= 0) return 0;
  if (c <= mean) return 1 - poissonLowerTail(c - 1, mean);
  return sumTail(c * Math.log(mean) - mean - logGamma(c + 1), c, (k) => mean / (k + 1));
}

/** P(X ≤ c) for X ~ Poisson(mean), for c below the mean (where the upper sum would be slow). */
function poissonLowerTail(c: number, mean: number): number {
  let term = Math.exp(-mean);
  let total = 0;
  for (let k = 0; k <= c; k++) {
    total += term;
    term *= mean / (k + 1);
  }
  return Math.min(1, total);
}

/** P(X ≥ c) for X negative binomial with this mean and size r (variance mean + mean²/r). */
export function negativeBinomialUpperTail(c: number, mean: number, r: number): number {
  if (c <= 0) return 1;
  if (mean <= 0) return 0;
  const p = r / (r + mean);
  const logFirst =
    logGamma(c + r) - logGamma(r) - logGamma(c + 1) + r * Math.log(p) + c * Math.log(1 - p);
  return sumTail(logFirst, c, (k) => ((k + r) / (k + 1)) * (1 - p));
}

/** Judges one issue's window against its own history. */
export function judgeEmerging({ current, baseline, isNew }: EmergingInput): EmergingVerdict {
  const windows = baseline.length;
  const verdict = { emerging: false, current, expected: 0, usual: 0, p: 1, windows, isNew };
  if (isNew || windows === 0) return { ...verdict, emerging: current >= NEW_ISSUE_MIN_COUNT };
  const total = baseline.reduce((sum, n) => sum + n, 0);
  const mean = total / windows;
  const expected = (total + PRIOR_CONTACTS) / windows;
  if (current < EMERGING_MIN_COUNT || current < EMERGING_MIN_RATIO * expected)
    return { ...verdict, expected, usual: mean };
  const variance =
    windows < 2 ? 0 : baseline.reduce((sum, n) => sum + (n - mean) ** 2, 0) / (windows - 1);
  // A negative binomial with the history's own variance (method of moments), never less dispersed
  // than size MAX_SIZE: eight windows often understate how bursty contacts are.
  const size =
    variance > expected ? Math.min(MAX_SIZE, expected ** 2 / (variance - expected)) : MAX_SIZE;
  const p = negativeBinomialUpperTail(current, expected, size);
  return { ...verdict, expected, usual: mean, p, emerging: p < EMERGING_MAX_P };
}

function formatP(p: number): string {
  if (p < 1e-6) return 'less than one in a million';
  const odds = Math.round(1 / p);
  return `about one in ${odds.toLocaleString('en-US')}`;
}

/**
 * The usual count as every sentence says it (the server's reason, the report, the Insights panel):
 * the trailing windows' mean to one decimal, which an analyst can check on the trend. Not the
 * test's `expected`: its half-contact prior is statistics, not something heard.
 */
export function usualPerWindow(verdict: { usual: number }): number {
  return Math.round(verdict.usual * 10) / 10;
}

/** The flag's reason in one sentence (English; the report translates from the verdict's numbers). */
export function emergingReason(verdict: EmergingVerdict): string | null {
  if (!verdict.emerging) return null;
  if (verdict.isNew || verdict.windows === 0) {
    return `New in this window with ${verdict.current} contacts, at least ${NEW_ISSUE_MIN_COUNT} for a new issue to count as emerging.`;
  }
  return (
    `${verdict.current} contacts in this window against a usual ${usualPerWindow(verdict).toFixed(1)} per window ` +
    `over the previous ${verdict.windows}: the chance of so many at the usual rate is ${formatP(verdict.p)}.`
  );
}
