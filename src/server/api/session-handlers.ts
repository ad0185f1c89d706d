import { z } from 'zod';
import { taxonomy } from '../insights/taxonomy.js';
import type { HandlerMap } from './handler-registry.js';
import { parseArgs } from './parse-args.js';

const none = z.strictObject({});

export const sessionHandlers: HandlerMap = {
  'session.whoami': {
    run: (args, { token }) => {
      parseArgs(none, args);
      return { name: token.name, role: token.role, team: token.team, mode: 'browser' };
    },
  },
  'meta.taxonomy': {
    run: (args, { aggregator }) => {
      parseArgs(none, args);
      return taxonomy(aggregator.storage);
    },
  },
};
