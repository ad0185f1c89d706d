import { METHOD_NAMES } from '../../shared/api/contract.js';
import { DESKTOP_METHOD_NAMES } from '../../shared/desktop/desktop-api.js';
import { captureHandlers } from './capture-handlers.js';
import { type DesktopHandlers, type DesktopMethod, joinDesktopHandlers } from './handler-map.js';
import { insightHandlers } from './insight-handlers.js';
import { sessionHandlers } from './session-handlers.js';
import { settingsHandlers } from './settings-handlers.js';
import { softphoneHandlers } from './softphone-handlers.js';
import { syncHandlers } from './sync-handlers.js';

/** Every method the desktop answers: the shared contract's and the desktop's own. */
export const DESKTOP_METHODS: readonly DesktopMethod[] = [...METHOD_NAMES, ...DESKTOP_METHOD_NAMES];

/** The one place the domains' handler maps are joined (a duplicate or a gap throws at start). */
export function desktopHandlers(): DesktopHandlers {
  return joinDesktopHandlers(
    DESKTOP_METHODS,
    sessionHandlers,
    captureHandlers,
    insightHandlers,
    settingsHandlers,
    syncHandlers,
    softphoneHandlers,
  );
}
