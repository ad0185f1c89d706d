export const ROLES = ['agent', 'lead', 'analyst', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/**
 * What each role may do over the API, in one table so that a new route has to name its permission.
 * Leads read issues too, but only their own team's: the issues route narrows the query for them.
 */
const PERMISSIONS = {
  'items.push': ['agent', 'analyst', 'admin'],
  'issues.read': ['agent', 'lead', 'analyst', 'admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

/** How a refusal names the permission: "a lead token may not push items". */
export const PERMISSION_WORDS: Record<Permission, string> = {
  'items.push': 'push items',
  'issues.read': 'read issues',
};

export function allows(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
