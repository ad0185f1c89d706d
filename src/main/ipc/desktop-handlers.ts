import { joinHandlers } from '../../shared/api/join-handlers.js';
import { DESKTOP_CALL_ARGS } from './desktop-call-args.js';
import { captureHandlers } from './capture-handlers.js';
import type { DesktopHandlers, DesktopMethod } from './handler-map.js';
import { insightHandlers } from './insight-handlers.js';
import { sessionHandlers } from './session-handlers.js';
import { settingsHandlers } from './settings-handlers.js';
import { softphoneHandlers } from './softphone-handlers.js';
import { syncHandlers } from './sync-handlers.js';

/** Every method the desktop answers: the shared contract's and the desktop's own. */
export const DESKTOP_METHODS = Object.keys(DESKTOP_CALL_ARGS) as readonly DesktopMethod[];

/** The one place the domains' handler maps are joined (a duplicate or a gap throws at start). */
export function desktopHandlers(): DesktopHandlers {
  return joinHandlers<DesktopHandlers>(
    'IPC',
    DESKTOP_METHODS,
    sessionHandlers,
    captureHandlers,
    insightHandlers,
    settingsHandlers,
    syncHandlers,
    softphoneHandlers,
  );
}
