import type { MethodName } from '../../shared/api/contract.js';
import { DesktopApiError } from './desktop-error.js';
import type { DesktopHandlerMap } from './handler-map.js';

/** The analysts' reads and the workbench's edits need the aggregator's whole data set: the desktop only has the agent's own items. */
export const UNAVAILABLE_ON_DESKTOP = [
  'issues.rank',
  'issues.detail',
  'stats.trend',
  'stats.breakdown',
  'team.summary',
  'issues.update',
  'issues.merge',
  'issues.split',
  'issues.moveItems',
  'issues.history',
  'issues.items',
  'issues.similar',
] as const satisfies readonly MethodName[];

function unavailable(method: MethodName): () => never {
  return () => {
    throw new DesktopApiError(
      'not_available',
      `${method} is not available in the desktop app: insights are in the WOCAS web UI on the aggregator.`,
    );
  };
}

export const insightHandlers: DesktopHandlerMap = Object.fromEntries(
  UNAVAILABLE_ON_DESKTOP.map((method) => [method, unavailable(method)]),
);
