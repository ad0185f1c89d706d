import type { KeyboardEvent } from 'react';

/**
 * The save keys of every box an agent types a verbatim into (the capture box, the correction box
 * in My feedback), so the same keys do the same thing in both: Enter saves, and so do Ctrl+Enter
 * and Cmd+Enter (the habit from chat and ticket tools); Shift+Enter breaks the line. Never while
 * an IME is composing: there Enter picks the candidate (Chrome reports keyCode 229 for it).
 */
export function saveOnEnter(onSave: () => void) {
  return (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (
      event.key !== 'Enter' ||
      event.shiftKey ||
      event.nativeEvent.isComposing ||
      event.keyCode === 229
    )
      return;
    event.preventDefault();
    onSave();
  };
}
