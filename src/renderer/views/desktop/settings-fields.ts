import type { DesktopSettingsView, SettingsInput } from '../../../shared/desktop/desktop-api.js';

/** The settings form as typed: numbers stay text so a field can be emptied while typing. */
export interface SettingsFields {
  displayName: string;
  team: string;
  aggregatorUrl: string;
  /** Empty means "keep the stored token" (or none yet): it is never read back from the desktop. */
  token: string;
  hotkey: string;
  pasteOnHotkey: boolean;
  openAtLogin: boolean;
  syncIntervalSeconds: string;
  softphonePort: string;
}

export type FieldName = keyof SettingsFields;

/** Why a field was refused, in words for the agent (a local check, or the desktop's own words). */
export type FieldErrors = Partial<Record<FieldName, string>>;

/** The ranges the desktop accepts (src/main/settings/settings-schema.ts). */
export const RANGES = {
  syncIntervalSeconds: { min: 10, max: 3_600 },
  softphonePort: { min: 1_024, max: 65_535 },
} as const;

const DEFAULTS = { hotkey: 'Ctrl+Shift+Space', syncIntervalSeconds: 30, softphonePort: 47_611 };

export function fieldsFrom(view: DesktopSettingsView | null): SettingsFields {
  return {
    displayName: view?.displayName ?? '',
    team: view?.team ?? '',
    aggregatorUrl: view?.aggregatorUrl ?? '',
    token: '',
    hotkey: view?.hotkey ?? DEFAULTS.hotkey,
    pasteOnHotkey: view?.pasteOnHotkey ?? false,
    openAtLogin: view?.openAtLogin ?? false,
    syncIntervalSeconds: String(view?.syncIntervalSeconds ?? DEFAULTS.syncIntervalSeconds),
    softphonePort: String(view?.softphone.port ?? DEFAULTS.softphonePort),
  };
}

function wholeNumberIn(text: string, range: { min: number; max: number }): number | null {
  if (!/^\s*\d+\s*$/.test(text)) return null;
  const value = Number(text);
  return value >= range.min && value <= range.max ? value : null;
}

export type LocalProblem =
  | { field: FieldName; problem: 'required' }
  | { field: FieldName; problem: 'range'; min: number; max: number };

/** What can be told before asking the desktop: a name is needed, numbers are whole and in range. */
export function checkFields(fields: SettingsFields): LocalProblem[] {
  const problems: LocalProblem[] = [];
  if (!fields.displayName.trim()) problems.push({ field: 'displayName', problem: 'required' });
  for (const field of ['syncIntervalSeconds', 'softphonePort'] as const) {
    if (wholeNumberIn(fields[field], RANGES[field]) === null)
      problems.push({ field, problem: 'range', ...RANGES[field] });
  }
  return problems;
}

/**
 * The `settings.save` arguments for a checked form. An empty token is left out (the stored one is
 * kept); empty team and URL are sent as they are, which the desktop reads as "clear it".
 */
export function settingsInput(fields: SettingsFields): SettingsInput {
  const input: SettingsInput = {
    displayName: fields.displayName.trim(),
    team: fields.team.trim(),
    aggregatorUrl: fields.aggregatorUrl.trim(),
    hotkey: fields.hotkey.trim(),
    pasteOnHotkey: fields.pasteOnHotkey,
    openAtLogin: fields.openAtLogin,
    syncIntervalSeconds: Number(fields.syncIntervalSeconds),
    softphonePort: Number(fields.softphonePort),
  };
  if (fields.token.trim()) input.token = fields.token.trim();
  return input;
}

/** The fields in the order the form shows them. */
export const FIELD_NAMES: readonly FieldName[] = Object.keys(fieldsFrom(null)) as FieldName[];

/**
 * Splits an `invalid_arguments` refusal into the fields it names. The desktop words it as
 * `invalid arguments: aggregatorUrl: must start with https://…; token: is too short…`; a refused
 * hotkey combination comes as `Hotkey: …`. What names no field is kept whole for the form.
 */
export function refusedFields(message: string): { fields: FieldErrors; rest: string[] } {
  if (/^Hotkey:/.test(message)) return { fields: { hotkey: message }, rest: [] };
  const fields: FieldErrors = {};
  const rest: string[] = [];
  for (const part of message.replace(/^invalid arguments:\s*/, '').split(/;\s+/)) {
    const named = /^(\w+):\s*(.+)$/s.exec(part);
    const field = FIELD_NAMES.find((name) => name === named?.[1]);
    if (field && named?.[2])
      fields[field] = fields[field] ? `${fields[field]}; ${named[2]}` : named[2];
    else rest.push(part);
  }
  return { fields, rest };
}
