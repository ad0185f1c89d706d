import { useCallback, useState } from 'react';
import { refreshSession } from '../../app/session-store.js';
import { desktopError } from '../../client/desktop-client.js';
import type { Message } from '../capture/capture-messages.js';
import { settingsSaved, useDesktop } from './desktop-store.js';
import {
  type FieldErrors,
  FIELD_NAMES,
  type FieldName,
  type SettingsFields,
  checkFields,
  fieldsFrom,
  refusedFields,
  settingsInput,
} from './settings-fields.js';

export interface SettingsForm {
  fields: SettingsFields;
  /** Per field: a local problem (translated) or the desktop's own words. */
  errors: Partial<Record<FieldName, Message>>;
  /** What concerns the whole form (nothing saved, or saved but for the hotkey). */
  formError: Message | null;
  saving: boolean;
  /** Something was saved from this form (the first run is over). */
  saved: boolean;
  edit: (patch: Partial<SettingsFields>) => void;
  /** Saves; answers the first field to fix, if any, so the form can focus it. */
  save: () => Promise<FieldName | null>;
}

const asMessages = (errors: FieldErrors): Partial<Record<FieldName, Message>> =>
  Object.fromEntries(Object.entries(errors).map(([field, text]) => [field, () => text]));

const firstField = (errors: object): FieldName | null =>
  FIELD_NAMES.find((name) => name in errors) ?? null;

/**
 * The first-run setup and the settings form: one form over `settings.save`. On success the softphone
 * endpoint's details are shown next; a hotkey held by another program keeps the form open on it
 * (the rest is saved); a refusal keeps every field as typed.
 */
export function useSettingsForm(): SettingsForm {
  const client = useDesktop((state) => state.client);
  const [fields, setFields] = useState(() => fieldsFrom(useDesktop.getState().settings));
  const [errors, setErrors] = useState<Partial<Record<FieldName, Message>>>({});
  const [formError, setFormError] = useState<Message | null>(null);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);

  const edit = useCallback(
    (patch: Partial<SettingsFields>) => setFields((current) => ({ ...current, ...patch })),
    [],
  );

  const refuse = useCallback(
    (fieldErrors: Partial<Record<FieldName, Message>>, message: Message | null) => {
      setErrors(fieldErrors);
      setFormError(() => message);
      return firstField(fieldErrors);
    },
    [],
  );

  const save = useCallback(async (): Promise<FieldName | null> => {
    const local = checkFields(fields);
    if (local.length > 0) {
      const messages: Partial<Record<FieldName, Message>> = {};
      for (const problem of local)
        messages[problem.field] =
          problem.problem === 'required'
            ? ({ t }) => t('desktop.error.required')
            : ({ t }) => t('desktop.error.range', { min: problem.min, max: problem.max });
      return refuse(messages, ({ t }) => t('desktop.error.fields'));
    }
    if (!client || saving) return null;
    setSaving(true);
    try {
      const result = await client.invoke('settings.save', settingsInput(fields));
      // The header shows the new name at once; a failure here is the session's, not the save's.
      await refreshSession().catch(() => undefined);
      setSaved(true);
      setFields((current) => ({ ...current, token: '' }));
      const { hotkeyError } = result;
      settingsSaved(result.settings, hotkeyError === null ? 'saved' : 'settings');
      if (hotkeyError !== null)
        return refuse({ hotkey: () => hotkeyError }, ({ t }) =>
          t('desktop.error.hotkey', { message: hotkeyError }),
        );
      return refuse({}, null);
    } catch (error) {
      const { code, message } = desktopError(error);
      if (code === 'refused')
        return refuse({ token: () => message }, ({ t }) => t('desktop.error.refused'));
      if (code === 'invalid_arguments') {
        const { fields: byField, rest } = refusedFields(message);
        const named = asMessages(byField);
        if (firstField(named) === null) return refuse({}, () => rest.join('; '));
        return refuse(named, ({ t }) => [t('desktop.error.fields'), ...rest].join(' '));
      }
      return refuse({}, ({ t }) => t('error.generic', { message }));
    } finally {
      setSaving(false);
    }
  }, [client, fields, saving, refuse]);

  return { fields, errors, formError, saving, saved, edit, save };
}
