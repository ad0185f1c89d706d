/**
 * Joins the handler maps of each domain into one, so the surface and its contract cannot drift
 * apart: a method defined twice, a method without a handler and a handler for a method the
 * contract does not name all throw at start. `surface` names the door in the messages ("API", "IPC").
 */
export function joinHandlers<Handlers extends Record<string, unknown>>(
  surface: string,
  methods: readonly (keyof Handlers & string)[],
  ...maps: Partial<Handlers>[]
): Handlers {
  const joined: Partial<Record<string, unknown>> = {};
  for (const map of maps) {
    for (const [name, handler] of Object.entries(map)) {
      if (joined[name]) throw new Error(`${surface} method ${name} is defined twice`);
      joined[name] = handler;
    }
  }
  const missing = methods.filter((name) => !joined[name]);
  if (missing.length > 0)
    throw new Error(`${surface} methods without a handler: ${missing.join(', ')}`);
  const named = new Set<string>(methods);
  const unknown = Object.keys(joined).filter((name) => !named.has(name));
  if (unknown.length > 0)
    throw new Error(`${surface} handlers for methods no contract names: ${unknown.join(', ')}`);
  return joined as Handlers;
}
