/** Strings of the insights views. */
export const insights = {} as const;
