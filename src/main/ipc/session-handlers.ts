import { z } from 'zod';
import type { DesktopHandlerMap } from './handler-map.js';
import { parseArgs } from './parse-args.js';

const none = z.strictObject({});

/** Who is capturing, from the settings: the desktop answers offline, as an agent. */
export const sessionHandlers: DesktopHandlerMap = {
  'session.whoami': (args, { settings }) => {
    parseArgs(none, args);
    const { displayName, team } = settings.current();
    return { name: displayName ?? '', role: 'agent', team, mode: 'desktop' };
  },
  'meta.taxonomy': (args, { settings, taxonomy }) => {
    parseArgs(none, args);
    const { team } = settings.current();
    return taxonomy.read(team ? [team] : []);
  },
};
