import { taxonomy } from '../items/taxonomy.js';
import type { HandlerMap } from './handler-registry.js';

export const sessionHandlers: HandlerMap = {
  'session.whoami': {
    run: (_args, { token }) => ({
      name: token.name,
      role: token.role,
      team: token.team,
      mode: 'browser',
    }),
  },
  'meta.taxonomy': {
    run: (_args, { aggregator }) => taxonomy(aggregator.storage),
  },
};
