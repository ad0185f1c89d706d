import type { DesktopHandlerMap } from './handler-map.js';

export const softphoneHandlers: DesktopHandlerMap = {
  'capture.takePrefill': (_args, { prefills }) => prefills.take(),
};
