import type { FastifyInstance } from 'fastify';
import { cleanText, lookupProblem, unstorableReason } from '../../shared/text/clean-text.js';
import { HttpError } from './http-error.js';

/**
 * Pushes of items and of item changes answer per entry (their schemas apply the rule), so one bad
 * entry fails alone instead of the whole body.
 */
const PER_ITEM_ROUTES = new Set(['/api/v1/items', '/api/v1/items/changes']);

/**
 * The input rule (docs/input-rules.md) at the HTTP boundary, for every route. Query strings and
 * paths carry only names, ids and filters: a control character or lone surrogate there names
 * nothing that can be stored, so it is a 400 rather than a database error. Every string of a JSON
 * body is cleaned by the shared rule before any handler sees it, and a lone surrogate is a 400.
 */
export function applyInputRule(app: FastifyInstance): void {
  app.addHook('preHandler', (request, _reply, done) => {
    try {
      checkLookups('query parameter', request.query);
      checkLookups('path parameter', request.params);
      if (request.body !== undefined && !PER_ITEM_ROUTES.has(request.routeOptions.url ?? '')) {
        request.body = cleanStrings(request.body, 'body');
      }
      done();
    } catch (error) {
      done(error as Error);
    }
  });
}

function checkLookups(what: string, values: unknown): void {
  if (typeof values !== 'object' || values === null) return;
  for (const [name, value] of Object.entries(values)) {
    for (const text of Array.isArray(value) ? value : [value]) {
      const problem = typeof text === 'string' ? lookupProblem(text) : null;
      if (problem !== null) throw new HttpError(400, `${what} ${safeName(name)}: ${problem}`);
    }
  }
}

/**
 * How deep a JSON body may nest. The UI's calls nest three or four levels; walking a body nested
 * thousands deep overflowed the stack and answered 500 to any token that sent ten kilobytes.
 */
export const MAX_BODY_DEPTH = 32;

function cleanStrings(value: unknown, path: string, depth = 0): unknown {
  if (typeof value === 'string') {
    const problem = unstorableReason(value);
    if (problem !== null) throw new HttpError(400, `${path}: ${problem}`);
    return cleanText(value);
  }
  if (typeof value !== 'object' || value === null) return value;
  if (depth >= MAX_BODY_DEPTH)
    throw new HttpError(400, `the body is nested deeper than ${MAX_BODY_DEPTH} levels`);
  if (Array.isArray(value))
    return value.map((entry, i) => cleanStrings(entry, `${path}[${i}]`, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([key, entry]) => [
      key,
      cleanStrings(entry, `${path}.${safeName(key)}`, depth + 1),
    ]),
  );
}

/** A parameter's name as echoed in an error: never the control characters themselves. */
function safeName(name: string): string {
  return lookupProblem(name) === null
    ? name.slice(0, 40)
    : JSON.stringify(cleanText(name).slice(0, 40));
}
