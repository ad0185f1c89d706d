import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Aggregator } from '../aggregator.js';
import { TokensRepo } from '../tokens/tokens-repo.js';
import { registerIssuesRoute } from './issues-route.js';
import { registerItemChangesRoute } from './item-changes-route.js';
import { registerItemsRoute } from './items-route.js';
import { registerSyncRoutes } from './sync-routes.js';
import { registerUi } from './ui-route.js';
import { registerReportRoute } from './report-route.js';
import { registerCallRoute } from '../calls/register-call-route.js';
import { GroupCommit } from '../ingest/group-commit.js';
import { HeavyReads } from './heavy-reads.js';
import { describeError, installJsonErrors } from './json-errors.js';
import { type RequestLogger, stderrRequestLogger } from './request-log.js';
import { acceptOnlyUtf8Json } from './utf8-json-body.js';
import { applyInputRule } from './unstorable-input.js';

/** The contract's limit per request, measured on the bytes received. */
export const MAX_BODY_BYTES = 1024 * 1024;

export interface ServerOptions {
  aggregator: Aggregator;
  /** Default: one JSON line per request on stderr; silentRequestLogger in tests. */
  logger?: RequestLogger;
}

/** The aggregator's HTTP API, built but not listening: `listen()` is the caller's choice of port. */
export function createServer({
  aggregator,
  logger = stderrRequestLogger,
}: ServerOptions): FastifyInstance {
  const app = Fastify({
    // Fastify's own (pino) logger is off: it would log URLs and two lines per request.
    logger: false,
    bodyLimit: MAX_BODY_BYTES,
    // Errors met before routing (a malformed %-escape in the path) get the same JSON shape.
    frameworkErrors: (error, _request, reply: FastifyReply) => {
      const { status, message } = describeError(error);
      void reply.code(status).send({ error: message });
    },
  });
  const tokens = new TokensRepo(aggregator.storage, aggregator.clock);
  const failures = new WeakMap<FastifyRequest, string>();

  app.decorateRequest('token', null);
  acceptOnlyUtf8Json(app);
  applyInputRule(app);
  installJsonErrors(app, (request, error) => failures.set(request, error.message));
  app.addHook('onResponse', (request, reply, done) => {
    const error = failures.get(request);
    logger({
      time: new Date().toISOString(),
      method: request.method,
      route: request.routeOptions.url ?? null,
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime * 10) / 10,
      token: request.token?.id ?? null,
      ...(error === undefined ? {} : { error }),
    });
    done();
  });

  closeKeepAliveOnShutdown(app);

  app.get('/api/v1/health', () => ({ ok: true }));
  // One group commit for every write path, so concurrent pushes and captures share transactions.
  const commits = new GroupCommit(aggregator.ingestor);
  registerItemsRoute(app, aggregator, tokens, commits);
  registerItemChangesRoute(app, aggregator, tokens);
  // One cap for every heavy read, so rankings, trends and reports together cannot starve sync.
  const heavy = new HeavyReads();
  registerIssuesRoute(app, aggregator, tokens, heavy);
  registerSyncRoutes(app, aggregator, tokens);
  registerCallRoute(app, aggregator, tokens, commits, heavy);
  registerReportRoute(app, aggregator, tokens, heavy);
  void app.register(registerUi);
  return app;
}

/**
 * Once close() begins, responses carry Connection: close, so a keep-alive client lets go as soon
 * as its request is answered instead of holding shutdown until its idle timeout.
 */
function closeKeepAliveOnShutdown(app: FastifyInstance): void {
  let closing = false;
  app.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (closing) void reply.header('connection', 'close');
    done(null, payload);
  });
}
