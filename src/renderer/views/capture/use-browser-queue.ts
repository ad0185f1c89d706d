import { useCallback, useEffect, useRef, useState } from 'react';
import type { WocasClient } from '../../../shared/api/contract.js';
import { ClientError } from '../../client/http-client.js';
import { type OfflineQueue, waiting } from './offline-queue.js';

/**
 * How often the browser asks again while the server is unreachable or saves wait to be sent;
 * the browser's `online` event, and any answer to any call, are sooner.
 */
export const RECHECK_EVERY_MS = 5_000;

/** How a round of sending ended: all sent, the server not reached, or it answered with an error. */
export type FlushOutcome = 'sent' | 'unreachable' | 'stopped';

export interface BrowserQueue {
  /** Saves kept in this browser (their Undo window over) until the server answers. */
  queued: number;
  /** Sends what waits now; a round already under way sends anything released meanwhile. */
  flush: () => Promise<FlushOutcome | 'busy'>;
}

/**
 * The browser's outbox, sent oldest first, each entry with its own id, so one that reached the
 * server before the answer was lost is stored once. A round stops at the first failure except a
 * refusal of the save's content (400), which is dropped with `onRefused` since keeping it would
 * block the rest. While the server is unreachable, or anything waits, it is asked again: every
 * RECHECK_EVERY_MS, at the browser's `online` event, and as soon as any call finds it again
 * (`reachable` turning true). With nothing queued, the check is a `session.whoami`: its answer is
 * what clears "the server cannot be reached" (a 401 there ends the session, as it should).
 */
export function useBrowserQueue(
  client: WocasClient,
  queue: OfflineQueue,
  reachable: boolean,
  /** Stable callbacks (useCallback): a refused save dropped, and a round that found no server. */
  on: {
    refused: (error: unknown) => void;
    unreachable: () => void;
    /** A round sent something and left nothing waiting. */
    sent: () => void;
  },
): BrowserQueue {
  const [queued, setQueued] = useState(() => waiting(queue.list()).length);
  const flushing = useRef(false);
  const { refused, unreachable, sent } = on;

  const flush = useCallback(async (): Promise<FlushOutcome | 'busy'> => {
    if (flushing.current) return 'busy';
    flushing.current = true;
    let outcome: FlushOutcome = 'sent';
    let delivered = 0;
    try {
      // One at a time from the stored queue, so an entry released while another is sent goes too.
      for (let entry = waiting(queue.list())[0]; entry; entry = waiting(queue.list())[0]) {
        try {
          await client.invoke('items.capture', {
            ...entry.input,
            id: entry.id,
            heard_at: entry.heard_at,
          });
          queue.remove(entry.id);
          delivered += 1;
        } catch (error) {
          if (!(error instanceof ClientError) || error.status !== 400) {
            outcome = error instanceof ClientError && error.unreachable ? 'unreachable' : 'stopped';
            break;
          }
          queue.remove(entry.id);
          refused(error);
        }
      }
    } finally {
      flushing.current = false;
      setQueued(waiting(queue.list()).length);
    }
    if (outcome === 'unreachable') unreachable();
    if (outcome === 'sent' && delivered > 0) sent();
    return outcome;
  }, [client, queue, refused, unreachable, sent]);

  useEffect(() => {
    // Saves queued in an earlier visit go as soon as the view opens: their Undo went with that page.
    queue.release();
    if (queue.list().length > 0) void flush();
  }, [queue, flush]);

  useEffect(() => {
    // The server answered a call (any view's): what waited goes now, not at the next tick.
    if (reachable && waiting(queue.list()).length > 0) void flush();
  }, [reachable, queue, flush]);

  useEffect(() => {
    if (reachable && queued === 0) return;
    const recheck = () => {
      if (waiting(queue.list()).length > 0) void flush();
      else client.invoke('session.whoami', {}).catch(() => undefined);
    };
    const timer = setInterval(recheck, RECHECK_EVERY_MS);
    window.addEventListener('online', recheck);
    return () => {
      clearInterval(timer);
      window.removeEventListener('online', recheck);
    };
  }, [reachable, queued, client, queue, flush]);

  return { queued, flush };
}
