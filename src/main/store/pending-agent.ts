import type { LocalDatabase } from './open-local-store.js';

/**
 * Renames the agent on items not yet sent. The aggregator refuses a push whose items name another
 * agent than the token's holder, so an agent who corrects their display name must not leave the
 * items captured under the old one stuck in the outbox. Sent items are the aggregator's: untouched.
 */
export function renamePendingAgent(db: LocalDatabase, from: string | null, to: string): number {
  return db
    .prepare<[string, string | null]>(
      `UPDATE items SET agent = ?
        WHERE agent IS ? AND sync_state = 'pending' AND seq IN (SELECT item_seq FROM outbox)`,
    )
    .run(to, from).changes;
}
