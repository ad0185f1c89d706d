/** What a token may do follows its role; src/server/tokens/permissions.ts says what each may do. */
export const ROLES = ['agent', 'lead', 'analyst', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
