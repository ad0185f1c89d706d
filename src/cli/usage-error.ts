/** An error the user can fix by changing the command: printed as one line, exit code 2. */
export class UsageError extends Error {}

/** Parses an ISO 8601 date or timestamp flag; a bare date as an end bound includes that whole day. */
export function parseTimeFlag(name: string, value: string | undefined, endOfDay = false): number | undefined {
  if (value === undefined) return undefined;
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const ms = Date.parse(dateOnly ? `${value}T00:00:00Z` : value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(ms)) {
    throw new UsageError(`--${name} must be an ISO 8601 date or timestamp, got "${value}"`);
  }
  return dateOnly && endOfDay ? ms + 86_400_000 : ms;
}

export function parsePositiveInt(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new UsageError(`--${name} must be a positive whole number, got "${value}"`);
  return Number(value);
}

export function parsePort(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) > 65_535) {
    throw new UsageError(`--port must be a whole number from 0 to 65535, got "${value}"`);
  }
  return Number(value);
}
