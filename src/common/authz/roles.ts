/** Roles a user holds per situation table (domain.md, "Users"). ADMIN is global: `users.is_admin`. */
export const TABLE_ROLES = ['COORDINATOR', 'AGENCY_REP', 'PRIVACY_OFFICER', 'ANALYST'] as const;
export type TableRole = (typeof TABLE_ROLES)[number];
