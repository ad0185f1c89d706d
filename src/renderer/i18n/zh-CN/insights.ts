import type { insights as en } from '../en/insights.js';

export const insights: Record<keyof typeof en, string> = {};
