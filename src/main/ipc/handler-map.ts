import type { AllDesktopMethods } from '../../shared/desktop/desktop-api.js';
import type { DesktopContext } from './desktop-context.js';

export type DesktopMethod = keyof AllDesktopMethods;

/** Validates the raw arguments (throws a readable DesktopApiError) and answers. */
export type DesktopHandler<M extends DesktopMethod> = (
  args: unknown,
  context: DesktopContext,
) => AllDesktopMethods[M]['result'] | Promise<AllDesktopMethods[M]['result']>;

export type DesktopHandlerMap = { [M in DesktopMethod]?: DesktopHandler<M> };
export type DesktopHandlers = Required<DesktopHandlerMap>;

/**
 * Joins the handler maps of each domain into one, refusing a method defined twice and requiring
 * every method named, so the IPC surface and the contracts cannot drift apart.
 */
export function joinDesktopHandlers(
  methods: readonly DesktopMethod[],
  ...maps: DesktopHandlerMap[]
): DesktopHandlers {
  const joined: Partial<Record<DesktopMethod, unknown>> = {};
  for (const map of maps) {
    for (const [name, handler] of Object.entries(map) as [DesktopMethod, unknown][]) {
      if (joined[name]) throw new Error(`IPC method ${name} is defined twice`);
      joined[name] = handler;
    }
  }
  const missing = methods.filter((name) => !joined[name]);
  if (missing.length > 0) throw new Error(`IPC methods without a handler: ${missing.join(', ')}`);
  const unknown = Object.keys(joined).filter((name) => !methods.includes(name as DesktopMethod));
  if (unknown.length > 0)
    throw new Error(`IPC handlers for methods no contract names: ${unknown.join(', ')}`);
  return joined as DesktopHandlers;
}
