import { useState } from 'react';
import { useI18n } from '../../i18n/i18n.js';
import { type ActionSource, useInsights } from './insights-store.js';
import { describeError } from './use-invoke.js';

export interface ActionNotice {
  text: string;
  error: boolean;
}

/**
 * Runs one workbench action, then refreshes every query of the view, and says what happened in
 * the status line of `source`. The view has one status line at a time (the store's notice): an
 * action clears the last one as it starts, so no earlier action's words stay beside a later one.
 */
export function useAction(source: ActionSource): {
  run: (work: () => Promise<string>) => Promise<boolean>;
  busy: boolean;
  message: ActionNotice | null;
} {
  const { t } = useI18n();
  const reload = useInsights((state) => state.reload);
  const setNotice = useInsights((state) => state.setNotice);
  const notice = useInsights((state) => state.notice);
  const [busy, setBusy] = useState(false);
  const run = async (work: () => Promise<string>) => {
    setBusy(true);
    setNotice(null);
    try {
      // Set after the work: an action that opens another issue (a merge) clears the line first.
      setNotice({ source, text: await work(), error: false });
      reload();
      return true;
    } catch (error) {
      setNotice({ source, text: describeError(error, t), error: true });
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { run, busy, message: notice?.source === source ? notice : null };
}

/** A status line, always in the page so screen readers hear what is put in it. */
export function ActionMessage({ message }: { message: ActionNotice | null }) {
  return (
    <p role="status" className={message?.error ? 'error' : 'muted'}>
      {message?.text ?? ''}
    </p>
  );
}
