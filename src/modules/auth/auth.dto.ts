import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, MaxLength } from 'class-validator';
import { TABLE_ROLES, TableRole } from '../../common/authz/roles';
import type { Principal } from '../../common/authz/principal';

export class LoginDto {
  @ApiProperty({ example: 'coordinator@example.org' }) @IsString() @IsEmail() @MaxLength(254) email: string;
  @ApiProperty({ minLength: 1, maxLength: 128 }) @IsString() @MaxLength(128) password: string;
}

export class ChangePasswordDto {
  @ApiProperty({ maxLength: 128 }) @IsString() @MaxLength(512) currentPassword: string;
  @ApiProperty({ minLength: 12, maxLength: 128, description: '12-128 characters, not guessable (zxcvbn score 3+), not your e-mail, name, agency or tables' })
  @IsString()
  @MaxLength(512)
  newPassword: string;
}

export class RoleGrantView {
  @ApiProperty({ format: 'uuid' }) tableId: string;
  @ApiProperty({ enum: TABLE_ROLES }) role: TableRole;
}

export class PendingUndertakingView {
  @ApiProperty({ format: 'uuid' }) tableId: string;
  @ApiProperty({ description: 'the version of the agreement to accept' }) version: number;
}

export class UserView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) agencyId: string | null;
  @ApiProperty() isAdmin: boolean;
  @ApiProperty({ type: [RoleGrantView] }) roles: RoleGrantView[];
  @ApiProperty({ description: 'the password was set by an administrator: choose your own (POST /auth/password) before anything else' })
  passwordChangeRequired: boolean;
  @ApiProperty({
    type: [PendingUndertakingView],
    description:
      'tables whose confidentiality agreement (current version) you have not accepted: your roles there are not active until you accept it (GET /me/undertakings, POST /tables/:tableId/agreement/accept)',
  })
  pendingUndertakings: PendingUndertakingView[];
  @ApiProperty({
    type: [String],
    format: 'uuid',
    description: 'the regions whose figures you read as REGIONAL_ANALYST (docs/evaluation.md, section 7); their names: GET /regions',
  })
  regionIds: string[];
}

export class LoginResponse {
  @ApiProperty() accessToken: string;
  @ApiProperty({ description: 'seconds' }) expiresIn: number;
  @ApiProperty({ description: 'true: this token reaches only /auth/password, /auth/me and /auth/logout until the user has chosen a password' })
  passwordChangeRequired: boolean;
  @ApiProperty({ type: UserView }) user: UserView;
}

export function mapPrincipal(p: Principal): UserView {
  return {
    id: p.id,
    email: p.email,
    displayName: p.displayName,
    agencyId: p.agencyId,
    isAdmin: p.isAdmin,
    roles: p.roles.map((r) => ({ tableId: r.tableId, role: r.role })),
    passwordChangeRequired: p.passwordChangeRequired === true,
    pendingUndertakings: (p.pendingUndertakings ?? []).map((u) => ({ tableId: u.tableId, version: u.version })),
    regionIds: p.regionIds ?? [],
  };
}
