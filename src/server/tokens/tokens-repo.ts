import { sql } from 'kysely';
import { randomId } from '../../shared/domain/ids.js';
import { type Sql, first, rows } from '../storage/sql.js';
import type { Storage } from '../storage/storage.js';
import { type Role, isRole } from '../../shared/domain/role.js';
import { hashTokenSecret, newTokenSecret } from './token-secret.js';

/** Who a request acts as: what the API needs to know about a token, and nothing secret. */
export interface TokenIdentity {
  id: string;
  name: string;
  role: Role;
  team: string | null;
}

export interface TokenRecord extends TokenIdentity {
  created_at: number;
  revoked_at: number | null;
  last_used_at: number | null;
}

export interface NewToken {
  name: string;
  role: string;
  team?: string | undefined;
}

/** A token that cannot be created as asked (bad role, a lead without a team, …). */
export class TokenSpecError extends Error {}

const MAX_LABEL_LENGTH = 120;
/** last_used_at is a hint for spotting stale tokens, not an audit log: one write a minute is plenty. */
const LAST_USED_RESOLUTION_MS = 60_000;

function label(what: string, value: string): string {
  const trimmed = value.trim();
  if (trimmed === '' || trimmed.length > MAX_LABEL_LENGTH) {
    throw new TokenSpecError(`token ${what} must be 1 to ${MAX_LABEL_LENGTH} characters`);
  }
  return trimmed;
}

function validate(spec: NewToken): Omit<TokenIdentity, 'id'> {
  if (!isRole(spec.role))
    throw new TokenSpecError(`unknown role "${spec.role}": use agent, lead, analyst or admin`);
  const team = spec.team === undefined ? null : label('team', spec.team);
  // A lead's token is scoped to one team; without one it would have nothing to scope to.
  if (spec.role === 'lead' && team === null)
    throw new TokenSpecError('a lead token needs a team (--team)');
  return { name: label('name', spec.name), role: spec.role, team };
}

/** Access tokens, stored as hashes only; the secret exists once, in what create() returns. */
export class TokensRepo {
  constructor(
    private readonly storage: Storage,
    private readonly clock: () => number = Date.now,
  ) {}

  /**
   * A name is one person: their items, their "what became of it" and their edits and withdrawals
   * are matched by it. So a name held by an active token of another team is refused; one person
   * may hold several tokens (one per machine, or an agent made lead of the same team).
   */
  async create(spec: NewToken): Promise<{ token: TokenIdentity; secret: string }> {
    const token = { id: randomId('tok_'), ...validate(spec) };
    const secret = newTokenSecret();
    await this.storage.write(async (tx: Sql) => {
      const holders = await rows(
        tx,
        sql<{
          team: string | null;
        }>`SELECT team FROM tokens WHERE name = ${token.name} AND revoked_at IS NULL`,
      );
      const other = holders.find((holder) => holder.team !== token.team);
      if (other !== undefined)
        throw new TokenSpecError(
          `the name "${token.name}" is already used by a token ${other.team === null ? 'without a team' : `of team "${other.team}"`}: a name is one person, so choose another name or revoke those tokens first`,
        );
      await tx.db
        .insertInto('tokens')
        .values({ ...token, hash: hashTokenSecret(secret), created_at: this.clock() })
        .execute();
    });
    return { token, secret };
  }

  /** The token's identity, or undefined for an unknown or revoked secret. */
  async authenticate(secret: string): Promise<TokenIdentity | undefined> {
    const row = await first(
      this.storage,
      sql<TokenRecord>`SELECT id, name, role, team, created_at, revoked_at, last_used_at FROM tokens WHERE hash = ${hashTokenSecret(secret)}`,
    );
    if (row === undefined || row.revoked_at !== null) return undefined;
    const now = this.clock();
    if (row.last_used_at === null || now - row.last_used_at >= LAST_USED_RESOLUTION_MS) {
      await sql`UPDATE tokens SET last_used_at = ${now} WHERE id = ${row.id}`.execute(
        this.storage.db,
      );
    }
    return { id: row.id, name: row.name, role: row.role, team: row.team };
  }

  /**
   * Revokes the token with this id or, when no token has it, every active token with this name
   * (one agent may hold several, one per machine). Returns what was revoked now.
   */
  revoke(idOrName: string): Promise<TokenIdentity[]> {
    return this.storage.write(async (tx: Sql) => {
      const isId =
        (await first(tx, sql<{ id: string }>`SELECT id FROM tokens WHERE id = ${idOrName}`)) !==
        undefined;
      const targets = await rows(
        tx,
        sql<TokenIdentity>`SELECT id, name, role, team FROM tokens WHERE ${sql.ref(isId ? 'id' : 'name')} = ${idOrName} AND revoked_at IS NULL`,
      );
      const now = this.clock();
      for (const target of targets)
        await sql`UPDATE tokens SET revoked_at = ${now} WHERE id = ${target.id}`.execute(tx.db);
      return targets;
    });
  }

  list(): Promise<TokenRecord[]> {
    return rows(
      this.storage,
      sql<TokenRecord>`SELECT id, name, role, team, created_at, revoked_at, last_used_at FROM tokens ORDER BY created_at, id`,
    );
  }
}
