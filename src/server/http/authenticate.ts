import type { FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import { bearerSecret } from '../../shared/http/bearer.js';
import { type RouteName, checkAllowed } from '../tokens/permissions.js';
import type { TokenIdentity, TokensRepo } from '../tokens/tokens-repo.js';
import { HttpError } from './http-error.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by requirePermission before the handler runs; null on routes that need no token. */
    token: TokenIdentity | null;
  }
}

/**
 * An onRequest hook: it runs before the body is read, so a request without a valid token costs
 * no parsing, and a refused request changes nothing. With a route, its roles are checked too
 * (PERMISSIONS); the call route checks each method's roles once it knows the method.
 */
export function requirePermission(
  tokens: TokensRepo,
  route?: RouteName,
): onRequestAsyncHookHandler {
  return async (request, reply) => {
    const token = await authenticate(tokens, request, reply);
    if (route !== undefined) checkAllowed(token, route);
    request.token = token;
  };
}

async function authenticate(
  tokens: TokensRepo,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<TokenIdentity> {
  const header = request.headers.authorization;
  if (header === undefined)
    throw unauthorized(reply, 'missing token: send "Authorization: Bearer <token>"');
  const secret = bearerSecret(header);
  if (secret === undefined)
    throw unauthorized(reply, 'the Authorization header must be "Bearer <token>"');
  const token = await tokens.authenticate(secret);
  if (token === undefined) throw unauthorized(reply, 'unknown or revoked token');
  return token;
}

function unauthorized(reply: FastifyReply, message: string): HttpError {
  void reply.header('www-authenticate', 'Bearer');
  return new HttpError(401, message);
}

/** The token of a request that went through requirePermission. */
export function tokenOf(request: FastifyRequest): TokenIdentity {
  if (request.token === null)
    throw new Error(`route ${request.routeOptions.url ?? '?'} has no requirePermission hook`);
  return request.token;
}
