/**
 * One line per request. Deliberately no URL (a query string may carry a team name someone typed),
 * no headers (Authorization), no body (verbatims): only what operating the server needs.
 */
export interface RequestLogLine {
  time: string;
  method: string;
  /** The route pattern, e.g. /api/v1/items; null when no route matched. */
  route: string | null;
  status: number;
  ms: number;
  /** The token's id, never the token. */
  token: string | null;
  /** For 5xx only: what went wrong on our side (the client sees a generic message). */
  error?: string;
}

export type RequestLogger = (line: RequestLogLine) => void;

export const stderrRequestLogger: RequestLogger = (line) => {
  process.stderr.write(`${JSON.stringify(line)}\n`);
};

/** For tests and embedding: requests are served, nothing is written. */
export const silentRequestLogger: RequestLogger = () => {};
