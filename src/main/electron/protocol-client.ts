import { resolve } from 'node:path';
import { app } from 'electron';
import { LINK_SCHEME } from '../softphone/capture-link.js';

/**
 * Makes the app the handler of wocas:// links. Packaged builds also declare the scheme to the OS
 * (electron-builder.yml `protocols`); a development run (`electron .`) must name its entry script.
 */
export function registerLinkScheme(): void {
  if (process.defaultApp && process.argv[1] !== undefined) {
    app.setAsDefaultProtocolClient(LINK_SCHEME, process.execPath, [resolve(process.argv[1])]);
  } else {
    app.setAsDefaultProtocolClient(LINK_SCHEME);
  }
}
