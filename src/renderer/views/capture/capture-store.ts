import { createStore, type StoreApi } from 'zustand/vanilla';
import type { CaptureInput } from '../../../shared/api/contract.js';
import {
  CHANNELS as ALL_CHANNELS,
  ITEM_LIMITS,
  type Channel,
} from '../../../shared/domain/item-fields.js';
import { redact } from '../../../shared/text/redact.js';
import type { MessageKey } from '../../i18n/catalogs.js';

/** Every channel with its label; a Record so a channel added to the domain cannot be forgotten here. */
export const CHANNEL_LABELS: Record<Channel, MessageKey> = {
  phone: 'channel.phone',
  email: 'channel.email',
  chat: 'channel.chat',
  sms: 'channel.sms',
  social: 'channel.social',
  other: 'channel.other',
};
export const CHANNELS: readonly Channel[] = ALL_CHANNELS;

/** The field lengths the server accepts. */
export const LIMITS = ITEM_LIMITS;

/** What the agent has typed and not yet saved. `times_heard` stays text so the field can be emptied while typing. */
export interface Draft {
  text: string;
  root_cause: string;
  suggested_fix: string;
  segment: string;
  times_heard: string;
}

export const EMPTY_DRAFT: Draft = {
  text: '',
  root_cause: '',
  suggested_fix: '',
  segment: '',
  times_heard: '1',
};

export interface CaptureState {
  draft: Draft;
  channel: Channel;
  /** The draft Esc threw away, until the agent types again. */
  discarded: Draft | null;
  edit: (patch: Partial<Draft>) => void;
  setChannel: (channel: Channel) => void;
  discard: () => void;
  undoDiscard: () => void;
  /** After `saved` reached the server: forget it, keeping anything typed while the save was in flight. */
  settle: (saved: Draft) => void;
}

export type CaptureStore = StoreApi<CaptureState>;

export function isEmpty(draft: Draft): boolean {
  return (
    !draft.text &&
    !draft.root_cause &&
    !draft.suggested_fix &&
    !draft.segment &&
    draft.times_heard === EMPTY_DRAFT.times_heard
  );
}

/** How many contacts the draft stands for: a whole number of at least 1, whatever is in the field. */
export function timesHeard(draft: Draft): number {
  const value = Math.floor(Number(draft.times_heard));
  return Number.isFinite(value) && value >= 1 ? Math.min(value, 100_000) : 1;
}

/** The `items.capture` arguments for a draft; blank optional fields are left out, not sent empty. */
export function captureInput(draft: Draft, channel: Channel, issueId?: string): CaptureInput {
  const input: CaptureInput = { text: draft.text.trim(), channel, times_heard: timesHeard(draft) };
  const optional = {
    root_cause: draft.root_cause,
    suggested_fix: draft.suggested_fix,
    segment: draft.segment,
  };
  for (const [field, value] of Object.entries(optional) as [keyof typeof optional, string][]) {
    if (value.trim()) input[field] = value.trim();
  }
  if (issueId) input.issue_id = issueId;
  return input;
}

/**
 * The stored draft, field by field: a field that is missing or not text (an older format, a hand
 * edit) falls back to empty. Five string fields need no schema library; zod would add its weight
 * and its bundler warnings to the renderer for this alone.
 */
function readDraft(storage: Storage, key: string): Draft {
  let stored: unknown;
  try {
    stored = JSON.parse(storage.getItem(key) ?? '{}');
  } catch {
    return EMPTY_DRAFT;
  }
  if (typeof stored !== 'object' || stored === null) return EMPTY_DRAFT;
  const field = (name: keyof Draft) => {
    const value: unknown = (stored as Record<string, unknown>)[name];
    return typeof value === 'string' ? value : EMPTY_DRAFT[name];
  };
  return {
    text: field('text'),
    root_cause: field('root_cause'),
    suggested_fix: field('suggested_fix'),
    segment: field('segment'),
    times_heard: field('times_heard'),
  };
}

/**
 * The draft as it may touch the disk: personal data replaced as the server would, so an unsaved
 * draft never sits in the browser's storage with a card or phone number in it. The form on screen
 * keeps what was typed; only a reload shows the redacted words.
 */
export function redactDraft(draft: Draft): Draft {
  const clean = (value: string) => (value === '' ? value : redact(value).text);
  return {
    ...draft,
    text: clean(draft.text),
    root_cause: clean(draft.root_cause),
    suggested_fix: clean(draft.suggested_fix),
    segment: clean(draft.segment),
  };
}

function readChannel(storage: Storage, key: string): Channel {
  const saved = storage.getItem(key);
  return CHANNELS.find((channel) => channel === saved) ?? 'phone';
}

/**
 * The capture form's state for one agent, mirrored to `storage` on every change: the draft (so
 * a reload, a crash or an unreachable server loses nothing) and the last channel chosen. The
 * draft key names the agent, so someone else signing in on a shared machine never sees it.
 */
export function createCaptureStore(storage: Storage, agent: string): CaptureStore {
  const draftKey = `wocas.capture.draft.${agent}`;
  const channelKey = 'wocas.capture.channel';
  const store = createStore<CaptureState>((set, get) => ({
    draft: readDraft(storage, draftKey),
    channel: readChannel(storage, channelKey),
    discarded: null,
    edit: (patch) => set({ draft: { ...get().draft, ...patch }, discarded: null }),
    setChannel: (channel) => set({ channel }),
    discard: () => {
      const { draft } = get();
      if (!isEmpty(draft)) set({ draft: EMPTY_DRAFT, discarded: draft });
    },
    undoDiscard: () => {
      const { discarded } = get();
      if (discarded) set({ draft: discarded, discarded: null });
    },
    settle: (saved) => {
      const now = get().draft;
      if (now === saved) return set({ draft: EMPTY_DRAFT });
      // The agent kept typing during the save: drop only the part that was saved.
      const rest = now.text.startsWith(saved.text)
        ? now.text.slice(saved.text.length).trimStart()
        : now.text;
      set({ draft: { ...EMPTY_DRAFT, text: rest } });
    },
  }));
  store.subscribe((state, previous) => {
    try {
      if (state.draft !== previous.draft) {
        if (isEmpty(state.draft)) storage.removeItem(draftKey);
        else storage.setItem(draftKey, JSON.stringify(redactDraft(state.draft)));
      }
      if (state.channel !== previous.channel) storage.setItem(channelKey, state.channel);
    } catch {
      // Storage full or disabled (private mode): the form still works, only reload-safety is lost.
    }
  });
  return store;
}
