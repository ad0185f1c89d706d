import { z } from 'zod';
import type { DesktopHandlerMap } from './handler-map.js';
import { parseArgs } from './parse-args.js';

const none = z.strictObject({});

export const syncHandlers: DesktopHandlerMap = {
  'sync.now': (args, { sync }) => {
    parseArgs(none, args);
    return sync.syncNow();
  },
  'sync.status': (args, { sync }) => {
    parseArgs(none, args);
    return sync.state();
  },
};
