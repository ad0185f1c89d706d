import type { Clock } from '../ingest/ingestor.js';
import type { Storage } from '../storage/storage.js';
import { deliverDue } from './webhook-delivery.js';
import { anyWebhook, detectEvents } from './webhook-detector.js';

export interface WebhookLoopOptions {
  /** How often to look for due deliveries. */
  pollMs?: number;
  /** How often to look for emerging and new issues. */
  scanMs?: number;
  onError?: (error: unknown) => void;
}

/**
 * The delivery loop of `wocas serve`: one timer, never awaited by a request, so ingest and sync
 * never wait on a receiver. Stops after the round in flight.
 */
export function startWebhookLoop(
  storage: Storage,
  clock: Clock,
  options: WebhookLoopOptions = {},
): { stop: () => Promise<void> } {
  const pollMs = options.pollMs ?? 1_000;
  const scanMs = options.scanMs ?? 60_000;
  let stopped = false;
  let lastScan = -Infinity;
  let timer: NodeJS.Timeout | undefined;
  let round: Promise<void> = Promise.resolve();

  const once = async () => {
    if (!(await anyWebhook(storage))) return;
    if (clock() - lastScan >= scanMs) {
      lastScan = clock();
      await detectEvents(storage, clock());
    }
    await deliverDue(storage, clock);
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      round = once()
        .catch((error: unknown) => options.onError?.(error))
        .finally(schedule);
    }, pollMs);
    timer.unref();
  };
  schedule();
  return {
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await round;
    },
  };
}
