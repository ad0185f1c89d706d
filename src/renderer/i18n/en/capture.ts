/** Strings of the capture views. */
export const capture = {} as const;
