import type { FastifyInstance } from 'fastify';
import { HttpError } from './http-error.js';

/** A key that would reach an object's prototype; a quote cannot appear unescaped inside a string. */
const FORBIDDEN_KEY = /"(?:__proto__|constructor)"\s*:/;

/**
 * JSON only, and strict UTF-8: Fastify's default parser decodes bytes that are not UTF-8 into
 * U+FFFD, which would store a silently damaged verbatim. Other content types get a 415. Parsing
 * itself stays Fastify's, which refuses __proto__ and constructor.prototype keys.
 */
export function acceptOnlyUtf8Json(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  const decoder = new TextDecoder('utf-8', { fatal: true });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'buffer' },
    (request, body: Buffer, done) => {
      let text: string;
      try {
        text = decoder.decode(body);
      } catch {
        done(new HttpError(400, 'the body is not valid UTF-8'), undefined);
        return;
      }
      void parseJson(request, text, (error, value) => {
        // Fastify answers a forbidden key as if the JSON were broken: say what was refused.
        if (error && FORBIDDEN_KEY.test(text))
          done(
            new HttpError(
              400,
              'the body holds a "__proto__" or "constructor" key, which is refused',
            ),
            undefined,
          );
        else done(error, value);
      });
    },
  );
}
