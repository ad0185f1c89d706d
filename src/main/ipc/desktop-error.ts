import type { DesktopErrorCode } from '../../shared/desktop/desktop-api.js';

/** A refusal the renderer can show as is: the message is written for the agent, never a stack. */
export class DesktopApiError extends Error {
  constructor(
    readonly code: DesktopErrorCode,
    message: string,
  ) {
    super(message);
  }
}
