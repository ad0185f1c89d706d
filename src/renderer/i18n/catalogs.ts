import { admin as enAdmin } from './en/admin.js';
import { capture as enCapture } from './en/capture.js';
import { common as enCommon } from './en/common.js';
import { desktop as enDesktop } from './en/desktop.js';
import { insights as enInsights } from './en/insights.js';
import { priority as enPriority } from './en/priority.js';
import { team as enTeam } from './en/team.js';
import { workbench as enWorkbench } from './en/workbench.js';
import { admin as zhAdmin } from './zh-CN/admin.js';
import { capture as zhCapture } from './zh-CN/capture.js';
import { common as zhCommon } from './zh-CN/common.js';
import { desktop as zhDesktop } from './zh-CN/desktop.js';
import { insights as zhInsights } from './zh-CN/insights.js';
import { priority as zhPriority } from './zh-CN/priority.js';
import { team as zhTeam } from './zh-CN/team.js';
import { workbench as zhWorkbench } from './zh-CN/workbench.js';

/**
 * One catalogue per language, assembled from one file per area so that views can be worked on
 * apart. English is the reference: every other language must have exactly its keys.
 */
const en = {
  ...enCommon,
  ...enCapture,
  ...enInsights,
  ...enTeam,
  ...enDesktop,
  ...enWorkbench,
  ...enPriority,
  ...enAdmin,
};
export type MessageKey = keyof typeof en;

const zhCN: Record<MessageKey, string> = {
  ...zhCommon,
  ...zhCapture,
  ...zhInsights,
  ...zhTeam,
  ...zhDesktop,
  ...zhWorkbench,
  ...zhPriority,
  ...zhAdmin,
};

export const LOCALES = ['en', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];

export const CATALOGS: Record<Locale, Record<MessageKey, string>> = { en, 'zh-CN': zhCN };

export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', 'zh-CN': '简体中文' };
