import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isTransient } from '../storage/transient-errors.js';
import { HttpError } from './http-error.js';

/** Fastify's wording names its internals ("content-type parser"); say what the client should fix. */
const CLEARER: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'the body is larger than 1 MiB: send fewer items a request',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'the body must be JSON, sent as Content-Type: application/json',
  FST_ERR_CTP_INVALID_JSON_BODY: 'the body is not valid JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'the body is empty',
};

type ErrorLike = (FastifyError | HttpError) & { code?: string };

/** The status and the {"error": …} message for any error a request ran into. */
export function describeError(error: ErrorLike): { status: number; message: string } {
  // The database restarted or is busy: nothing was stored, and the same request will work soon.
  if (isTransient(error))
    return { status: 503, message: 'the database is unavailable for a moment: try again' };
  const status =
    typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 600
      ? error.statusCode
      : 500;
  // A 5xx message may describe our internals (paths, SQL): the client gets a plain sentence.
  // Our own 503 (too busy) says so in words we wrote.
  if (status === 503 && error instanceof HttpError) return { status, message: error.message };
  if (status >= 500) return { status, message: 'internal error' };
  return {
    status,
    message: (error.code !== undefined ? CLEARER[error.code] : undefined) ?? error.message,
  };
}

/**
 * Every error leaves as JSON {"error": message}, never Fastify's default page or a stack trace.
 * `remember` receives 5xx errors so the request log can name what the client was not told.
 */
export function installJsonErrors(
  app: FastifyInstance,
  remember: (request: FastifyRequest, error: Error) => void,
): void {
  app.setErrorHandler((error: ErrorLike, request: FastifyRequest, reply: FastifyReply) => {
    const { status, message } = describeError(error);
    if (status >= 500) remember(request, error);
    if (status === 503) void reply.header('retry-after', '5');
    return reply.code(status).send({ error: message });
  });
  app.setNotFoundHandler((request, reply) =>
    reply
      .code(404)
      .send({ error: `no such route: ${request.method} ${request.url.split('?')[0]}` }),
  );
}
