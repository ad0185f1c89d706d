import { useEffect, useState } from 'react';
import type { ArgsOf, MethodName, ResultOf } from '../../../shared/api/contract.js';
import { useClient } from '../../app/session-store.js';
import { ClientError } from '../../client/http-client.js';
import type { Translate } from '../../i18n/i18n.js';

export interface Remote<T> {
  /** The latest answer; kept while a newer request runs, so tables do not flash empty. */
  data: T | undefined;
  error: unknown;
  loading: boolean;
}

interface Settled<T> {
  data: T | undefined;
  error: unknown;
  ticket: string | null;
}

/**
 * Calls a contract method whenever its arguments (compared by value) or `refresh` change; `null`
 * arguments mean "not yet". An answer to superseded arguments is dropped, never shown.
 */
export function useInvoke<M extends MethodName>(
  method: M,
  args: ArgsOf<M> | null,
  refresh = 0,
): Remote<ResultOf<M>> {
  const client = useClient();
  const key = args === null ? null : JSON.stringify(args);
  const ticket = key === null ? null : `${method}|${refresh}|${key}`;
  const [settled, setSettled] = useState<Settled<ResultOf<M>>>({
    data: undefined,
    error: null,
    ticket: null,
  });
  useEffect(() => {
    if (key === null || ticket === null) return;
    let current = true;
    client.invoke(method, JSON.parse(key) as ArgsOf<M>).then(
      (data) => {
        if (current) setSettled({ data, error: null, ticket });
      },
      (error: unknown) => {
        if (current) setSettled({ data: undefined, error, ticket });
      },
    );
    return () => {
      current = false;
    };
  }, [client, method, key, ticket]);
  return {
    data: settled.data,
    error: settled.error,
    loading: ticket !== null && settled.ticket !== ticket,
  };
}

/** A failed call in the user's language. */
export function describeError(error: unknown, t: Translate): string {
  // Not the capture panel's "nothing you typed is lost": here nothing was typed, figures are missing.
  if (error instanceof ClientError && error.unreachable) return t('error.unreachableRead');
  return t('error.generic', { message: error instanceof Error ? error.message : String(error) });
}
