import type { DesktopHandlerMap } from './handler-map.js';

/** Who is capturing, from the settings: the desktop answers offline, as an agent. */
export const sessionHandlers: DesktopHandlerMap = {
  'session.whoami': (_args, { settings }) => {
    const { displayName, team } = settings.current();
    return { name: displayName ?? '', role: 'agent', team, mode: 'desktop' };
  },
  'meta.taxonomy': (_args, { settings, taxonomy }) => {
    const { team } = settings.current();
    return taxonomy.read(team ? [team] : []);
  },
};
