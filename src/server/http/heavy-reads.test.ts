import { describe, expect, it } from 'vitest';
import { HeavyReads } from './heavy-reads.js';
import { HttpError } from './http-error.js';

/** A task the test finishes when it chooses: no timers. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open = () => {};
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

describe('HeavyReads', () => {
  it('runs at most maxRunning at once, the rest in arrival order, and refuses beyond the queue', async () => {
    const reads = new HeavyReads(2, 3);
    let active = 0;
    let most = 0;
    const started: number[] = [];
    const gates = Array.from({ length: 5 }, gate);
    const runs = gates.map((g, i) =>
      reads.run(async () => {
        started.push(i);
        active += 1;
        most = Math.max(most, active);
        await g.promise;
        active -= 1;
        return i;
      }),
    );
    const refused = reads.run(() => 'too many');
    await expect(refused).rejects.toBeInstanceOf(HttpError);
    await expect(refused).rejects.toMatchObject({ statusCode: 503 });
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    gates[1]?.open();
    gates[0]?.open();
    await Promise.all(runs.slice(0, 2));
    for (const g of gates) g.open();
    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3, 4]);
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect(most).toBe(2);
    // Every slot came back: a new read starts at once.
    expect(await reads.run(() => 'free')).toBe('free');
  });

  it('gives the slot back when the work throws', async () => {
    const reads = new HeavyReads(1, 0);
    await expect(reads.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await reads.run(() => 7)).toBe(7);
  });
});
