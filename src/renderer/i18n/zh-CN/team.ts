import type { team as en } from '../en/team.js';

export const team: Record<keyof typeof en, string> = {};
