import type { MethodName } from '../../shared/api/contract.js';
import { DesktopApiError } from './desktop-error.js';
import type { DesktopHandlerMap } from './handler-map.js';

function unavailable(method: MethodName): () => never {
  return () => {
    throw new DesktopApiError(
      'not_available',
      `${method} is not available in the desktop app: insights are in the WOCAS web UI on the aggregator.`,
    );
  };
}

/** The analysts' reads and the workbench's edits need the aggregator's whole data set: the desktop only has the agent's own items. */
export const insightHandlers: DesktopHandlerMap = {
  'issues.rank': unavailable('issues.rank'),
  'issues.detail': unavailable('issues.detail'),
  'stats.trend': unavailable('stats.trend'),
  'stats.breakdown': unavailable('stats.breakdown'),
  'team.summary': unavailable('team.summary'),
  'issues.update': unavailable('issues.update'),
  'issues.merge': unavailable('issues.merge'),
  'issues.split': unavailable('issues.split'),
  'issues.moveItems': unavailable('issues.moveItems'),
  'issues.history': unavailable('issues.history'),
  'issues.items': unavailable('issues.items'),
};
