import type { MethodName } from '../../shared/api/contract.js';
import { ROLES, type Role } from '../../shared/domain/role.js';
import { HttpError } from '../http/http-error.js';
import type { ItemHolder, ItemOwner } from '../items/items-repo.js';
import type { TokenIdentity } from './tokens-repo.js';

/**
 * How much of the data behind a route the answer may carry (docs/permissions.md):
 * - `company`: only what every token sees: issue ids, titles, status, owner, company-wide counts.
 * - `role`: verbatims, root causes, fixes, per-team and per-agent figures, narrowed by dataScope.
 * - `own`: the caller's own records (their items, what they have seen).
 * - `stamped`: a write; the items are stored under the token's identity (stampItem).
 * - `curation`: an analyst's change to issues (status, owner, title, cause, merge, split, move).
 * - `settings`: the aggregator's own settings (channel costs, webhooks): no customer data, but a
 *   webhook URL is itself a credential for the receiver.
 */
export type Scope = 'company' | 'role' | 'own' | 'stamped' | 'curation' | 'settings';

interface Permission {
  roles: readonly Role[];
  scope: Scope;
  /** How a refusal names what was asked: "a lead token may not push items". */
  words: string;
  /** Reads that scan many items: they run under the server's HeavyReads cap. */
  heavy?: true;
}

const EVERYONE = ROLES;
const LEAD_AND_UP: readonly Role[] = ['lead', 'analyst', 'admin'];
/** Who may change issues: the full-time owners of root causes, not leads or agents. */
const CURATORS: readonly Role[] = ['analyst', 'admin'];
/** Who may change the aggregator's settings, and see webhooks (their URLs are credentials). */
const ADMINS: readonly Role[] = ['admin'];
/**
 * Who may correct or withdraw an item: its own agent, and only by an agent token (whose items are
 * stored under its name whatever the payload said). Leads and analysts do not change agents' words.
 */
const AGENTS: readonly Role[] = ['agent'];

/** Every HTTP route that needs a token. */
export const ROUTES = [
  'POST /api/v1/items',
  'GET /api/v1/issues',
  'GET /api/v1/sync/issues',
  'POST /api/v1/items/issues',
  'POST /api/v1/items/changes',
  'GET /api/v1/reports/weekly',
] as const;
export type RouteName = (typeof ROUTES)[number];

/**
 * The one table of who may do what: every route and every call method. A method or route missing
 * here does not compile, so a new one has to say who may use it and what its answer may show.
 */
export const PERMISSIONS: Record<RouteName | MethodName, Permission> = {
  'POST /api/v1/items': { roles: EVERYONE, scope: 'stamped', words: 'push items' },
  'GET /api/v1/issues': { roles: EVERYONE, scope: 'role', words: 'read issues', heavy: true },
  // Company-wide fields for every issue; root causes and notes only of issues holding an item the
  // token may read (itemOwner), shared terms only unless the token reads every verbatim.
  'GET /api/v1/sync/issues': { roles: EVERYONE, scope: 'role', words: 'pull issue changes' },
  'POST /api/v1/items/issues': {
    roles: EVERYONE,
    scope: 'role',
    words: 'look up the issues of items',
  },
  'POST /api/v1/items/changes': {
    roles: AGENTS,
    scope: 'own',
    words: 'edit or withdraw items (only agents change their own items)',
  },
  'GET /api/v1/reports/weekly': {
    roles: LEAD_AND_UP,
    scope: 'role',
    words: 'export reports',
    heavy: true,
  },
  'session.whoami': { roles: EVERYONE, scope: 'own', words: 'call session.whoami' },
  'meta.taxonomy': { roles: EVERYONE, scope: 'company', words: 'call meta.taxonomy' },
  'items.capture': { roles: EVERYONE, scope: 'stamped', words: 'call items.capture' },
  'items.edit': {
    roles: AGENTS,
    scope: 'own',
    words: 'call items.edit (only agents change their own items)',
  },
  'items.withdraw': {
    roles: AGENTS,
    scope: 'own',
    words: 'call items.withdraw (only agents change their own items)',
  },
  'issues.suggest': { roles: EVERYONE, scope: 'company', words: 'call issues.suggest' },
  'feedback.mine': { roles: EVERYONE, scope: 'own', words: 'call feedback.mine' },
  'feedback.markSeen': { roles: EVERYONE, scope: 'own', words: 'call feedback.markSeen' },
  'issues.rank': { roles: LEAD_AND_UP, scope: 'role', words: 'call issues.rank', heavy: true },
  'issues.detail': { roles: LEAD_AND_UP, scope: 'role', words: 'call issues.detail', heavy: true },
  'stats.trend': { roles: LEAD_AND_UP, scope: 'role', words: 'call stats.trend', heavy: true },
  'stats.breakdown': {
    roles: LEAD_AND_UP,
    scope: 'role',
    words: 'call stats.breakdown',
    heavy: true,
  },
  'team.summary': { roles: LEAD_AND_UP, scope: 'role', words: 'call team.summary', heavy: true },
  'issues.update': { roles: CURATORS, scope: 'curation', words: 'call issues.update' },
  'issues.merge': { roles: CURATORS, scope: 'curation', words: 'call issues.merge' },
  'issues.split': { roles: CURATORS, scope: 'curation', words: 'call issues.split' },
  'issues.moveItems': { roles: CURATORS, scope: 'curation', words: 'call issues.moveItems' },
  'issues.history': { roles: CURATORS, scope: 'role', words: 'call issues.history' },
  'issues.similar': { roles: CURATORS, scope: 'role', words: 'call issues.similar' },
  // Shows verbatims of any team, as the item list does for curators.
  'issues.splitProposal': {
    roles: CURATORS,
    scope: 'role',
    words: 'call issues.splitProposal',
    heavy: true,
  },
  // Verbatims: the handler reads only the items the token's dataScope holds (a lead's team).
  'issues.samples': { roles: LEAD_AND_UP, scope: 'role', words: 'call issues.samples' },
  // Titles, status and company-wide counts: no customer's words. Only curators merge or move.
  'issues.find': { roles: CURATORS, scope: 'company', words: 'call issues.find' },
  // A lead reads their own team's items only: the handler narrows the team with itemFilter.
  'issues.items': { roles: LEAD_AND_UP, scope: 'role', words: 'call issues.items', heavy: true },
  // Whoever may rank by cost may read what it multiplies by: company-wide, no customer data.
  'costs.show': { roles: LEAD_AND_UP, scope: 'company', words: 'call costs.show' },
  'costs.set': { roles: ADMINS, scope: 'settings', words: 'change channel costs' },
  'webhooks.list': { roles: ADMINS, scope: 'settings', words: 'list webhooks' },
  'webhooks.add': { roles: ADMINS, scope: 'settings', words: 'add webhooks' },
  'webhooks.remove': { roles: ADMINS, scope: 'settings', words: 'remove webhooks' },
};

export function isHeavy(name: RouteName | MethodName): boolean {
  return PERMISSIONS[name].heavy === true;
}

/** A 403 unless the token's role may use this route or method. */
export function checkAllowed(token: TokenIdentity, name: RouteName | MethodName): void {
  const permission = PERMISSIONS[name];
  if (!permission.roles.includes(token.role))
    throw new HttpError(
      403,
      `${article(token.role)} ${token.role} token may not ${permission.words}`,
    );
}

function article(role: Role): string {
  return role === 'agent' || role === 'admin' || role === 'analyst' ? 'an' : 'a';
}

/** Whose verbatims and figures a token sees: agents their own items, leads their team, the rest all. */
export type DataScope =
  { kind: 'all' } | { kind: 'team'; team: string } | ({ kind: 'agent' } & ItemHolder);

export function dataScope(token: TokenIdentity): DataScope {
  switch (token.role) {
    case 'analyst':
    case 'admin':
      return { kind: 'all' };
    // A lead token always has a team (TokensRepo refuses one without); '' matches no item if not.
    case 'lead':
      return { kind: 'team', team: token.team ?? '' };
    case 'agent':
      return { kind: 'agent', ...itemHolder(token) };
  }
}

/** Whose items are the token's own (feedback.mine, edits, withdrawals): its name in its team. */
export function itemHolder(token: TokenIdentity): ItemHolder {
  return { agent: token.name, team: token.team };
}

/** Which items' issues a token may look up: its own (agents), its team's (leads), or any. */
export function itemOwner(token: TokenIdentity): ItemOwner {
  const scope = dataScope(token);
  return scope.kind === 'all'
    ? 'all'
    : scope.kind === 'team'
      ? { team: scope.team }
      : { agent: scope.agent, team: scope.team };
}

/**
 * The team filter a request may use: the lead-team rule, in one place with one message. A lead
 * asking for no team gets theirs; asking for another is refused rather than silently answered
 * with their own. An agent sees no per-team figures: with no team asked for, a route answers with
 * company-wide figures only (routes that would show more than that refuse agents in PERMISSIONS).
 */
export function scopedTeam(
  token: TokenIdentity,
  requested: string | undefined,
): string | undefined {
  const scope = dataScope(token);
  if (scope.kind === 'all') return requested;
  if (scope.kind === 'team') {
    if (requested !== undefined && requested !== scope.team) throw outOfScope(token);
    return scope.team;
  }
  if (requested !== undefined) throw outOfScope(token);
  return undefined;
}

/** The one refusal for data outside a token's scope. */
export function outOfScope(token: TokenIdentity): HttpError {
  const scope = dataScope(token);
  return new HttpError(
    403,
    scope.kind === 'team'
      ? `a lead token sees the figures and verbatims of team "${scope.team}" only`
      : `${article(token.role)} ${token.role} token sees company-wide figures and its own items only`,
  );
}
