import { common as enCommon } from './en/common.js';
import { common as zhCommon } from './zh-CN/common.js';

/**
 * One catalogue per language, assembled from one file per area so that views can be worked on
 * apart. English is the reference: every other language must have exactly its keys.
 */
const en = { ...enCommon };
export type MessageKey = keyof typeof en;

const zhCN: Record<MessageKey, string> = { ...zhCommon };

export const LOCALES = ['en', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];

export const CATALOGS: Record<Locale, Record<MessageKey, string>> = { en, 'zh-CN': zhCN };

export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', 'zh-CN': '简体中文' };
