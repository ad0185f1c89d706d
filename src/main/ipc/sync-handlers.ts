import type { DesktopHandlerMap } from './handler-map.js';

export const syncHandlers: DesktopHandlerMap = {
  'sync.now': (_args, { sync }) => sync.syncNow(),
  'sync.status': (_args, { sync }) => sync.state(),
};
