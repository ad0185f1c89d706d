/** Strings of the team views. */
export const team = {} as const;
