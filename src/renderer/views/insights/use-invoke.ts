import { useEffect, useState } from 'react';
import type { ArgsOf, MethodName, ResultOf, WocasClient } from '../../../shared/api/contract.js';
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
 * Calls in flight, per client, by ticket (method, refresh and arguments). Parts of a view that ask
 * the same thing at the same moment (the issue panel's Merge and Move pickers, say) share one
 * request: the server does the work once, and both see the same answer.
 */
const inFlight = new WeakMap<WocasClient, Map<string, Promise<unknown>>>();

function sharedCall<M extends MethodName>(
  client: WocasClient,
  method: M,
  key: string,
  ticket: string,
): Promise<ResultOf<M>> {
  let calls = inFlight.get(client);
  if (!calls) inFlight.set(client, (calls = new Map<string, Promise<unknown>>()));
  const running = calls.get(ticket);
  if (running) return running as Promise<ResultOf<M>>;
  const call = client.invoke(method, JSON.parse(key) as ArgsOf<M>);
  calls.set(ticket, call);
  // Settled calls leave at once: a later ask (another refresh, the panel opened again) asks anew.
  const forget = () => calls.delete(ticket);
  call.then(forget, forget);
  return call;
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
    sharedCall(client, method, key, ticket).then(
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
