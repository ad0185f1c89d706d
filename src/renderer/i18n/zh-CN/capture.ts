import type { capture as en } from '../en/capture.js';

export const capture: Record<keyof typeof en, string> = {};
