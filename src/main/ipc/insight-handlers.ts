import type { MethodName } from '../../shared/api/contract.js';
import { DesktopApiError } from './desktop-error.js';
import type { DesktopHandlerMap } from './handler-map.js';

/** The aggregator's own settings: the desktop has no costs or webhooks to show or change. */
const SETTINGS_METHODS = [
  'costs.show',
  'costs.set',
  'webhooks.list',
  'webhooks.add',
  'webhooks.remove',
] as const satisfies readonly MethodName[];

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
  'issues.splitProposal',
  'issues.find',
  'issues.samples',
  ...SETTINGS_METHODS,
] as const satisfies readonly MethodName[];

function unavailable(method: MethodName): () => never {
  const where = (SETTINGS_METHODS as readonly MethodName[]).includes(method)
    ? 'cost and webhook settings are in the WOCAS web UI on the aggregator, for admins'
    : 'insights are in the WOCAS web UI on the aggregator';
  return () => {
    throw new DesktopApiError(
      'not_available',
      `${method} is not available in the desktop app: ${where}.`,
    );
  };
}

export const insightHandlers: DesktopHandlerMap = Object.fromEntries(
  UNAVAILABLE_ON_DESKTOP.map((method) => [method, unavailable(method)]),
);
