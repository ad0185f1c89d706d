/** What the driver says, as a database error code or a Node socket error code. */
export function codeOf(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error
    ? String(error.code)
    : undefined;
}

const TRANSIENT_CODES = new Set([
  'SQLITE_BUSY', // another process held the file's write lock past busy_timeout
  '40001', // serialization_failure
  '40P01', // deadlock_detected
  '53300', // too_many_connections
  '57P01', // admin_shutdown (a restart or failover)
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (still starting)
  '08000',
  '08001',
  '08003',
  '08004',
  '08006', // connection exceptions
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
]);

/** Worth trying again: the database restarted, a connection dropped, two writers collided. */
export function isTransient(error: unknown): boolean {
  const code = codeOf(error);
  if (code !== undefined && TRANSIENT_CODES.has(code)) return true;
  const message = error instanceof Error ? error.message : '';
  return /Connection terminated|timeout exceeded when trying to connect/i.test(message);
}
