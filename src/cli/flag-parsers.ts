import { invalidTimeMessage, parseWindowBound } from '../shared/time/iso-time.js';
import { UsageError } from './usage-error.js';

/** Parses an ISO 8601 date or timestamp flag (no offset means UTC); a bare date as an end bound includes that whole day. */
export function parseTimeFlag(
  name: string,
  value: string | undefined,
  endOfDay = false,
): number | undefined {
  if (value === undefined) return undefined;
  const ms = parseWindowBound(value, endOfDay ? 'to' : 'from');
  if (ms === undefined) throw new UsageError(`--${invalidTimeMessage(name, value)}`);
  return ms;
}

export function parsePositiveInt(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 1)
    throw new UsageError(`--${name} must be a positive whole number, got "${value}"`);
  return Number(value);
}

export function parsePort(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) > 65_535) {
    throw new UsageError(`--port must be a whole number from 0 to 65535, got "${value}"`);
  }
  return Number(value);
}
