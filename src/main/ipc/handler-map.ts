import type { ParsedArgs } from '../../shared/api/call-args.js';
import type { AllDesktopMethods } from '../../shared/desktop/desktop-api.js';
import type { DesktopContext } from './desktop-context.js';

export type DesktopMethod = keyof AllDesktopMethods;

/**
 * Answers one method; the dispatcher has validated the arguments with DESKTOP_CALL_ARGS already. A
 * refusal the agent should read is a DesktopApiError.
 */
export type DesktopHandler<M extends DesktopMethod> = (
  args: ParsedArgs<AllDesktopMethods[M]['args']>,
  context: DesktopContext,
) => AllDesktopMethods[M]['result'] | Promise<AllDesktopMethods[M]['result']>;

export type DesktopHandlerMap = { [M in DesktopMethod]?: DesktopHandler<M> };
export type DesktopHandlers = Required<DesktopHandlerMap>;
