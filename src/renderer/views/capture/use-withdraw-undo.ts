import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { WocasClient } from '../../../shared/api/contract.js';
import type { Channel } from '../../../shared/domain/item-fields.js';
import type { Draft } from './capture-store.js';

/** A desktop save that Undo can still take back, with the words as typed. */
export interface RecentSave {
  id: string;
  draft: Draft;
  channel: Channel;
}

export interface WithdrawUndo {
  /** A save is in its Undo window. */
  armed: boolean;
  /** Opens the window for a save just made (closing the previous one). */
  remember: (saved: RecentSave) => void;
  /** Withdraws the save in the window; resolves with it once withdrawn, null if none or it failed. */
  undo: () => Promise<RecentSave | null>;
  /** Whether a save is in the window now (for callbacks that must not read stale state). */
  pending: () => boolean;
}

/**
 * The desktop's Undo after a save: the desktop saves and syncs at once, so for `windowMs` Undo
 * withdraws the item instead of holding it (`items.withdraw`: gone from this computer at once, and
 * from the aggregator's counts at the next sync if it went already).
 */
export function useWithdrawUndo(
  client: WocasClient,
  windowMs: number,
  onFailed: (error: unknown) => void,
): WithdrawUndo {
  const recent = useRef<(RecentSave & { timer: ReturnType<typeof setTimeout> }) | null>(null);
  const [armed, setArmed] = useState(false);
  const forget = useCallback(() => {
    if (!recent.current) return;
    clearTimeout(recent.current.timer);
    recent.current = null;
    setArmed(false);
  }, []);
  const remember = useCallback(
    (saved: RecentSave) => {
      if (windowMs <= 0) return;
      forget();
      recent.current = { ...saved, timer: setTimeout(forget, windowMs) };
      setArmed(true);
    },
    [windowMs, forget],
  );
  const undo = useCallback(async () => {
    const current = recent.current;
    if (!current) return null;
    forget();
    try {
      await client.invoke('items.withdraw', { item_id: current.id });
      return current;
    } catch (error) {
      onFailed(error);
      return null;
    }
  }, [client, forget, onFailed]);
  useEffect(() => () => forget(), [forget]);
  const pending = useCallback(() => recent.current !== null, []);
  return useMemo(() => ({ armed, remember, undo, pending }), [armed, remember, undo, pending]);
}
