import { HttpError } from './http-error.js';

/**
 * A cap on heavy reads (rankings, trends, breakdowns, summaries, reports) running at once, so that
 * a few analysts' dashboards cannot hold every database connection and event-loop turn while
 * agents' pushes, pulls and /health wait. Those light routes never pass through it. Requests over
 * the cap wait their turn in order; beyond a short queue they get a 503 with Retry-After at once,
 * which the client can retry, rather than piling up work nobody will wait for.
 */
export class HeavyReads {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    readonly maxRunning = 2,
    readonly maxWaiting = 16,
  ) {}

  async run<T>(work: () => T | Promise<T>): Promise<T> {
    if (this.running >= this.maxRunning) {
      if (this.waiting.length >= this.maxWaiting) {
        throw new HttpError(
          503,
          'the server is busy with other reports and rankings: try again in a few seconds',
        );
      }
      // The slot is handed over by release(), so running never exceeds the cap.
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running += 1;
    }
    try {
      return await work();
    } finally {
      this.release();
    }
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.running -= 1;
  }
}
