import type { CaptureInput } from '../../../shared/api/contract.js';
import { redact, redactField } from '../../../shared/text/redact.js';

/** A save the browser could not deliver: its own id (so a retry is never a second item) and when it was heard. */
export interface QueuedCapture {
  id: string;
  heard_at: string;
  input: CaptureInput;
  /** While the agent may still undo it (epoch ms): not sent before it is released. */
  hold_until?: number;
}

/**
 * Personal data out of every free-text field before anything reaches the browser's storage: the
 * same redaction the aggregator applies, so what sits on the agent's disk is what the server
 * would keep anyway.
 */
export function redactInput(input: CaptureInput): CaptureInput {
  const redacted: CaptureInput = { ...input, text: redact(input.text).text };
  for (const field of ['root_cause', 'suggested_fix', 'segment'] as const) {
    const value = redactField(input[field]).text;
    if (value === null) delete redacted[field];
    else redacted[field] = value;
  }
  return redacted;
}

function isQueued(value: unknown): value is QueuedCapture {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Record<string, unknown>;
  const input = entry.input as Record<string, unknown> | undefined;
  return (
    typeof entry.id === 'string' &&
    typeof entry.heard_at === 'string' &&
    typeof input?.text === 'string'
  );
}

export interface OfflineQueue {
  list: () => QueuedCapture[];
  add: (input: CaptureInput, heardAt: Date, holdUntil?: number) => QueuedCapture;
  /** Whether it was still there: false once it was sent. */
  remove: (id: string) => boolean;
  /** Ends the hold of one entry, or of every entry (a new page: the old page's Undo is gone). */
  release: (id?: string) => void;
}

/** Entries the agent can no longer undo: what the count on screen and the sending are about. */
export function waiting(entries: readonly QueuedCapture[]): QueuedCapture[] {
  return entries.filter((entry) => entry.hold_until === undefined);
}

/**
 * The browser's outbox for one agent, in localStorage under a key that names the agent (someone
 * else signing in on a shared machine neither sees nor sends it). Entries are redacted before
 * they are written and carry a client-made id, so sending one twice stores it once.
 */
export function createOfflineQueue(storage: Storage, agent: string): OfflineQueue {
  const key = `wocas.capture.queue.${agent}`;
  const read = (): QueuedCapture[] => {
    try {
      const stored: unknown = JSON.parse(storage.getItem(key) ?? '[]');
      return Array.isArray(stored) ? stored.filter(isQueued) : [];
    } catch {
      return [];
    }
  };
  const write = (entries: QueuedCapture[]) => {
    if (entries.length === 0) storage.removeItem(key);
    else storage.setItem(key, JSON.stringify(entries));
  };
  return {
    list: read,
    add: (input, heardAt, holdUntil) => {
      const entry: QueuedCapture = {
        id: globalThis.crypto.randomUUID(),
        heard_at: heardAt.toISOString(),
        input: redactInput(input),
        ...(holdUntil === undefined ? {} : { hold_until: holdUntil }),
      };
      write([...read(), entry]);
      return entry;
    },
    remove: (id) => {
      const entries = read();
      write(entries.filter((entry) => entry.id !== id));
      return entries.some((entry) => entry.id === id);
    },
    release: (id) =>
      write(
        read().map((entry) => {
          if (id !== undefined && entry.id !== id) return entry;
          const released = { ...entry };
          delete released.hold_until;
          return released;
        }),
      ),
  };
}
