import { useEffect, useMemo, useState } from 'react';
import type { Suggestion, WocasClient } from '../../../shared/api/contract.js';
import { suggestionQuery } from '../../../shared/text/suggestion-query.js';

export const MAX_SUGGESTIONS = 5;
const DEBOUNCE_MS = 200;
const MIN_LENGTH = 3;
const NONE: Suggestion[] = [];

/**
 * Open issues like `text`, asked for once typing pauses and its redacted words changed. Answers
 * to older texts are dropped, so a slow reply never replaces a newer one; the last list stays up
 * while the next is asked for, so the list does not flicker with every key.
 */
export function useSuggestions(client: WocasClient, text: string): Suggestion[] {
  const [suggestions, setSuggestions] = useState(NONE);
  // Only the redacted words leave the client: a card, phone or e-mail typed in never crosses
  // the wire (nor lands in a log), and a number still being typed is not sent either.
  const query = useMemo(() => suggestionQuery(text), [text]);
  const wanted = query.length >= MIN_LENGTH;
  // Once the text is too short (cleared after a save) the old list is dropped, not kept for the next draft.
  if (!wanted && suggestions !== NONE) setSuggestions(NONE);
  useEffect(() => {
    if (!wanted) return;
    let current = true;
    const timer = setTimeout(() => {
      client.invoke('issues.suggest', { text: query, limit: MAX_SUGGESTIONS }).then(
        (found) => current && setSuggestions(found.slice(0, MAX_SUGGESTIONS)),
        // The client reports an unreachable server to the session; the last list stays up.
        () => undefined,
      );
    }, DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [client, query, wanted]);
  return suggestions;
}
