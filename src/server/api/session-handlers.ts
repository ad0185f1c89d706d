import { z } from 'zod';
import { taxonomy } from '../insights/taxonomy.js';
import { EVERYONE, type HandlerMap } from './handler-registry.js';
import { parseArgs } from './parse-args.js';

const none = z.strictObject({});

export const sessionHandlers: HandlerMap = {
  'session.whoami': {
    roles: EVERYONE,
    run: (args, { token }) => {
      parseArgs(none, args);
      return { name: token.name, role: token.role, team: token.team, mode: 'browser' };
    },
  },
  'meta.taxonomy': {
    roles: EVERYONE,
    run: (args, { aggregator }) => {
      parseArgs(none, args);
      return taxonomy(aggregator.storage);
    },
  },
};
