import { fileURLToPath } from 'node:url';

/** Built files, relative to this module (dist/src/main/electron/), the same inside app.asar. */
const from = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));

export const RENDERER_DIR = from('../../../renderer/');
export const PRELOAD_PATH = from('../../../electron/preload.cjs');
export const ICON_PATH = from('../../../../assets/desktop/icon.png');
