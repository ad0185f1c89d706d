import { type ReactNode, type RefObject, useId, useState } from 'react';
import { useStore } from 'zustand';
import { segmentLabel } from '../../i18n/segment-label.js';
import { useI18n } from '../../i18n/i18n.js';
import {
  CHANNELS,
  CHANNEL_LABELS,
  type CaptureStore,
  type Draft,
  LIMITS,
} from './capture-store.js';
import { saveOnEnter } from './save-on-enter.js';
import { TimesHeardField } from './times-heard-field.js';

interface Props {
  store: CaptureStore;
  segments: string[];
  saving: boolean;
  verbatimRef: RefObject<HTMLTextAreaElement | null>;
  onSave: () => void;
  onClear: () => void;
  /** The status line, placed by the form so it sits right under the buttons that cause it. */
  children: ReactNode;
}

export function CaptureForm({
  store,
  segments,
  saving,
  verbatimRef,
  onSave,
  onClear,
  children,
}: Props) {
  const { t } = useI18n();
  const draft = useStore(store, (state) => state.draft);
  const { edit } = store.getState();
  return (
    <form
      className="capture-form"
      onSubmit={(event) => {
        event.preventDefault();
        onSave();
      }}
    >
      <VerbatimField store={store} verbatimRef={verbatimRef} onSave={onSave} />
      <div className="capture-row">
        <ChannelField store={store} />
        <TimesHeardField
          value={draft.times_heard}
          onChange={(times_heard) => edit({ times_heard })}
        />
      </div>
      <OptionalDetails draft={draft} segments={segments} edit={edit} />
      <div className="capture-actions">
        <button type="submit" className="primary" disabled={saving}>
          {saving ? t('capture.saving') : t('capture.save')}
        </button>
        <button type="button" onClick={onClear}>
          {t('capture.clear')}
        </button>
      </div>
      {children}
    </form>
  );
}

/** The verbatim: focused on open, Enter saves; `maxLength` matches what the server accepts. */
function VerbatimField({
  store,
  verbatimRef,
  onSave,
}: Pick<Props, 'store' | 'verbatimRef' | 'onSave'>) {
  const { t } = useI18n();
  const text = useStore(store, (state) => state.draft.text);
  const ids = { verbatim: useId(), keys: useId() };
  return (
    <div className="field">
      <label htmlFor={ids.verbatim}>{t('capture.verbatim')}</label>
      <textarea
        id={ids.verbatim}
        ref={verbatimRef}
        autoFocus
        rows={4}
        maxLength={LIMITS.text}
        value={text}
        aria-describedby={ids.keys}
        onChange={(event) => store.getState().edit({ text: event.target.value })}
        onKeyDown={saveOnEnter(onSave)}
      />
      <p id={ids.keys} className="hint keys">
        {t('capture.keys')}
      </p>
    </div>
  );
}

/** The channel, remembered across saves and reloads by the store. */
function ChannelField({ store }: Pick<Props, 'store'>) {
  const { t } = useI18n();
  const channel = useStore(store, (state) => state.channel);
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{t('capture.channel')}</label>
      <select
        id={id}
        value={channel}
        onChange={(event) =>
          store.getState().setChannel(CHANNELS.find((c) => c === event.target.value) ?? channel)
        }
      >
        {CHANNELS.map((code) => (
          <option key={code} value={code}>
            {t(CHANNEL_LABELS[code])}
          </option>
        ))}
      </select>
    </div>
  );
}

interface DetailsProps {
  draft: Draft;
  segments: string[];
  edit: (patch: Partial<Draft>) => void;
}

/** Root cause, fix and segment: folded away until wanted, open when a restored draft has any. */
function OptionalDetails({ draft, segments, edit }: DetailsProps) {
  const { t } = useI18n();
  const [open, setOpen] = useState(() =>
    Boolean(draft.root_cause || draft.suggested_fix || draft.segment),
  );
  const ids = { rootCause: useId(), fix: useId(), segment: useId(), segments: useId() };
  return (
    <details
      className="capture-details"
      open={open}
      onToggle={(event) => setOpen(event.currentTarget.open)}
    >
      <summary>{t('capture.details')}</summary>
      <div className="field">
        <label htmlFor={ids.rootCause}>{t('capture.rootCause')}</label>
        <input
          id={ids.rootCause}
          maxLength={LIMITS.note}
          value={draft.root_cause}
          onChange={(event) => edit({ root_cause: event.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor={ids.fix}>{t('capture.suggestedFix')}</label>
        <input
          id={ids.fix}
          maxLength={LIMITS.note}
          value={draft.suggested_fix}
          onChange={(event) => edit({ suggested_fix: event.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor={ids.segment}>{t('capture.segment')}</label>
        <input
          id={ids.segment}
          list={ids.segments}
          maxLength={LIMITS.label}
          autoComplete="off"
          value={draft.segment}
          onChange={(event) => edit({ segment: event.target.value })}
        />
        <datalist id={ids.segments}>
          {segments.map((segment) => (
            <option key={segment} value={segment} label={segmentLabel(t, segment)} />
          ))}
        </datalist>
      </div>
    </details>
  );
}
