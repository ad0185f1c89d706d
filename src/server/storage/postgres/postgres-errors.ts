import { StorageUnavailableError } from '../storage.js';
import { codeOf } from '../transient-errors.js';

/** The URL with its password masked, for messages and logs. */
export function describeUrl(url: URL): string {
  const shown = new URL(url.href);
  if (shown.password) shown.password = '***';
  return shown.href;
}

/** Why a database could not be opened, said for the person who typed the URL. */
export function unavailable(error: unknown, url: URL): StorageUnavailableError {
  const where = `PostgreSQL at ${url.hostname || 'localhost'}:${url.port || '5432'}`;
  const database = decodeURIComponent(url.pathname.slice(1)) || '(default)';
  const user = decodeURIComponent(url.username) || '(default)';
  const reason = error instanceof Error ? error.message : String(error);
  switch (codeOf(error)) {
    case 'ECONNREFUSED':
      return new StorageUnavailableError(
        `cannot reach ${where}: connection refused; is PostgreSQL running there?`,
      );
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new StorageUnavailableError(`cannot reach ${where}: unknown host`);
    case '28P01':
    case '28000':
      return new StorageUnavailableError(`${where} refused user "${user}": ${reason}`);
    case '3D000':
      return new StorageUnavailableError(
        `${where} has no database "${database}"; create it first (createdb ${database})`,
      );
    default:
      return new StorageUnavailableError(`cannot open ${where}, database "${database}": ${reason}`);
  }
}
