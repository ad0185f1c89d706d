/**
 * The least cosine at which an open issue is worth suggesting while an agent types: below it the
 * list would fill with issues that merely share a common word. Used by the aggregator and the
 * desktop's offline cache alike.
 */
export const SUGGESTION_FLOOR = 0.12;
