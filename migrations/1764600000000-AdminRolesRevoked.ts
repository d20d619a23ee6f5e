import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Separation of duties for deployments upgraded from before AuthHardening: an administrator could
 * then be granted a table role by another administrator. Such rows are removed (the triggers of
 * AuthHardening refuse new ones, and the access guard ignores any an administrator still holds).
 */
export class AdminRolesRevoked1764600000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query('DELETE FROM user_roles r USING users u WHERE r.user_id = u.id AND u.is_admin');
  }

  async down(): Promise<void> {
    // Nothing to restore: an administrator never holds a table role.
  }
}
