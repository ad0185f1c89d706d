import type { CaptureInput } from '../../../shared/api/contract.js';
import { redact, redactField } from '../../../shared/text/redact.js';

/** A save the browser could not deliver: its own id (so a retry is never a second item) and when it was heard. */
export interface QueuedCapture {
  id: string;
  heard_at: string;
  input: CaptureInput;
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
  add: (input: CaptureInput, heardAt: Date) => QueuedCapture;
  remove: (id: string) => void;
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
    add: (input, heardAt) => {
      const entry = {
        id: globalThis.crypto.randomUUID(),
        heard_at: heardAt.toISOString(),
        input: redactInput(input),
      };
      write([...read(), entry]);
      return entry;
    },
    remove: (id) => write(read().filter((entry) => entry.id !== id)),
  };
}
