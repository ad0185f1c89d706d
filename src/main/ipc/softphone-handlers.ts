import { z } from 'zod';
import type { DesktopHandlerMap } from './handler-map.js';
import { parseArgs } from './parse-args.js';

export const softphoneHandlers: DesktopHandlerMap = {
  'capture.takePrefill': (args, { prefills }) => {
    parseArgs(z.strictObject({}), args);
    return prefills.take();
  },
};
