export const roles = ['buyer', 'seller', 'courier', 'admin'] as const;
export type Role = (typeof roles)[number];

/** Roles a person may ask for at registration; `admin` is only ever granted by the system. */
export const selfAssignableRoles = ['buyer', 'seller', 'courier'] as const satisfies readonly Role[];
export type SelfAssignableRole = (typeof selfAssignableRoles)[number];
