import { type FormEvent, type ReactNode, useId, useRef } from 'react';
import type { MessageKey } from '../../i18n/catalogs.js';
import { useI18n } from '../../i18n/i18n.js';
import '../../styles/desktop.css';
import type { Message } from '../capture/capture-messages.js';
import { showPanel, useDesktop } from './desktop-store.js';
import type { FieldName } from './settings-fields.js';
import { type SettingsForm, useSettingsForm } from './use-settings-form.js';

type Inputs = Partial<Record<FieldName, HTMLInputElement | null>>;

interface FieldProps {
  name: Exclude<FieldName, 'pasteOnHotkey' | 'openAtLogin'>;
  label: MessageKey;
  hints?: MessageKey[];
  type?: 'text' | 'password' | 'url';
  numeric?: boolean;
  form: SettingsForm;
  inputs: Inputs;
}

/** A labelled text field whose hint and error are read out with it (aria-describedby). */
function TextField({
  name,
  label,
  hints = [],
  type = 'text',
  numeric = false,
  form,
  inputs,
}: FieldProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const ids = { input: useId(), hint: useId(), error: useId() };
  const error: Message | undefined = form.errors[name];
  const describedBy = [hints.length > 0 ? ids.hint : '', error ? ids.error : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div className="field">
      <label htmlFor={ids.input}>{t(label)}</label>
      <input
        id={ids.input}
        ref={(element) => {
          inputs[name] = element;
        }}
        type={type}
        inputMode={numeric ? 'numeric' : undefined}
        autoComplete="off"
        spellCheck={false}
        value={form.fields[name]}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        onChange={(event) => form.edit({ [name]: event.target.value })}
      />
      {hints.length > 0 && (
        <p id={ids.hint} className="hint">
          {hints.map((hint) => t(hint)).join(' ')}
        </p>
      )}
      {error && (
        <p id={ids.error} className="field-error">
          {error(i18n)}
        </p>
      )}
    </div>
  );
}

function CheckField({
  name,
  label,
  form,
}: {
  name: 'pasteOnHotkey' | 'openAtLogin';
  label: MessageKey;
  form: SettingsForm;
}) {
  const { t } = useI18n();
  return (
    <label className="check">
      <input
        type="checkbox"
        checked={form.fields[name]}
        onChange={(event) => form.edit({ [name]: event.target.checked })}
      />
      <span>{t(label)}</span>
    </label>
  );
}

function Group({ legend, children }: { legend: MessageKey; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <fieldset>
      <legend>{t(legend)}</legend>
      {children}
    </fieldset>
  );
}

/** First-run setup and, from the header's Settings, the same form again (the token left empty keeps it). */
export function SettingsFormView() {
  const i18n = useI18n();
  const { t } = i18n;
  const configured = useDesktop((state) => state.settings?.configured ?? false);
  const hasToken = useDesktop((state) => state.settings?.hasToken ?? false);
  const form = useSettingsForm();
  const inputs = useRef<Inputs>({}).current;
  const titleId = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void form.save().then((field) => field && inputs[field]?.focus());
  };
  const field = (props: Omit<FieldProps, 'form' | 'inputs'>) => (
    <TextField {...props} form={form} inputs={inputs} />
  );
  return (
    <section className="desktop-settings" aria-labelledby={titleId}>
      <h1 id={titleId}>{t(configured ? 'desktop.settings.title' : 'desktop.setup.title')}</h1>
      {!configured && <p className="hint">{t('desktop.setup.intro')}</p>}
      <form noValidate onSubmit={submit}>
        <Group legend="desktop.settings.you">
          {field({
            name: 'displayName',
            label: 'desktop.field.displayName',
            hints: ['desktop.field.displayNameHint'],
          })}
          {field({ name: 'team', label: 'desktop.field.team' })}
        </Group>
        <Group legend="desktop.settings.server">
          {field({
            name: 'aggregatorUrl',
            label: 'desktop.field.aggregatorUrl',
            type: 'url',
            hints: ['desktop.field.aggregatorUrlHint'],
          })}
          {field({
            name: 'token',
            label: 'desktop.field.token',
            type: 'password',
            hints: hasToken
              ? ['desktop.field.tokenHint', 'desktop.field.tokenKeep']
              : ['desktop.field.tokenHint'],
          })}
          {field({
            name: 'syncIntervalSeconds',
            label: 'desktop.field.syncInterval',
            numeric: true,
          })}
        </Group>
        <Group legend="desktop.settings.panel">
          {field({
            name: 'hotkey',
            label: 'desktop.field.hotkey',
            hints: ['desktop.field.hotkeyHint'],
          })}
          <CheckField name="pasteOnHotkey" label="desktop.field.pasteOnHotkey" form={form} />
          <CheckField name="openAtLogin" label="desktop.field.openAtLogin" form={form} />
          {field({
            name: 'softphonePort',
            label: 'desktop.field.softphonePort',
            numeric: true,
            hints: ['desktop.field.softphonePortHint'],
          })}
        </Group>
        <p role="alert" className="error">
          {form.formError?.(i18n)}
        </p>
        <div className="settings-actions">
          <button type="submit" className="primary" disabled={form.saving}>
            {t(form.saving ? 'desktop.form.saving' : 'desktop.form.save')}
          </button>
          {configured && (
            <button type="button" onClick={() => showPanel(null)}>
              {t(form.saved ? 'desktop.form.continue' : 'desktop.form.cancel')}
            </button>
          )}
        </div>
      </form>
    </section>
  );
}
