import type { CaptureResult } from '../../../shared/api/contract.js';
import { ClientError } from '../../client/http-client.js';
import type { I18n } from '../../i18n/i18n.js';

/** A message kept as a function of the language, so a switch of language re-renders it translated. */
export type Message = (i18n: I18n) => string;

/** What a failed call means to the agent; "unreachable" promises that nothing typed is lost. */
export function failureMessage(error: unknown): Message {
  if (error instanceof ClientError && error.unreachable) return ({ t }) => t('error.unreachable');
  const message = error instanceof Error ? error.message : String(error);
  return ({ t }) => t('error.generic', { message });
}

export function isUnreachable(error: unknown): boolean {
  return error instanceof ClientError && error.unreachable;
}

/** "Saved — 1 personal detail removed", "Added to: <title>", or saved locally on the desktop. */
export function savedMessage(result: CaptureResult, issueTitle?: string): Message {
  return ({ t }) => {
    const confirmation =
      issueTitle !== undefined ? t('capture.addedTo', { title: issueTitle }) : result.synced ? t('capture.saved') : t('capture.savedLocally');
    if (result.redactions === 0) return confirmation;
    const redactions = result.redactions === 1 ? t('capture.redactedOne') : t('capture.redactedMany', { count: result.redactions });
    return t('capture.withRedactions', { confirmation, redactions });
  };
}
