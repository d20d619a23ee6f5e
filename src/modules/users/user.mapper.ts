import { AdminUserView } from './user.dto';
import { UserEntity, UserRoleEntity } from './user.entity';

export const mapUser = (u: UserEntity, roles: UserRoleEntity[]): AdminUserView => ({
  id: u.id,
  email: u.email,
  displayName: u.displayName,
  agencyId: u.agencyId,
  isAdmin: u.isAdmin,
  active: u.active,
  passwordChangeRequired: u.passwordChangeRequired,
  roles: roles.filter((r) => r.userId === u.id).map((r) => ({ tableId: r.tableId, role: r.role })),
  createdAt: u.createdAt.toISOString(),
});
