import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Trimmed } from '../../common/http/text';
import { Equals, IsBoolean, IsEmail, IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import { TABLE_ROLES, TableRole } from '../../common/authz/roles';
import { RoleGrantView } from '../auth/auth.dto';
import { TableAgencyView } from '../tables/table.dto';

export class CreateUserDto {
  @ApiProperty() @IsEmail() @MaxLength(254) email: string;
  @ApiProperty() @Trimmed() @IsString() @Length(1, 120) displayName: string;
  @ApiProperty({ minLength: 12, maxLength: 128 }) @IsString() @MaxLength(512) password: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() agencyId: string;
  @ApiPropertyOptional({ default: false }) @IsOptional() @IsBoolean() isAdmin?: boolean;
}

export class UpdateUserDto {
  @ApiPropertyOptional({ description: 'false deactivates the user; their tokens stop working at once' })
  @IsOptional()
  @IsBoolean()
  @Equals(false)
  active?: false;
  @ApiPropertyOptional() @IsOptional() @Trimmed() @IsString() @Length(1, 120) displayName?: string;
  @ApiPropertyOptional({
    description: "an administrator's reset: a temporary password (the user must choose their own at the next sign-in); revokes every token of the user; the user is notified",
  })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  password?: string;
}

export class AdminUserView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) agencyId: string | null;
  @ApiProperty() isAdmin: boolean;
  @ApiProperty() active: boolean;
  @ApiProperty({ description: 'the password was set by an administrator and the user has not yet chosen their own' }) passwordChangeRequired: boolean;
  @ApiProperty({ type: [RoleGrantView] }) roles: RoleGrantView[];
  @ApiProperty() createdAt: string;
}

/** A role held at a table, with its holder and who granted it. */
export class TableGrantView {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() displayName: string;
  @ApiProperty() email: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) agencyId: string | null;
  @ApiProperty() active: boolean;
  @ApiProperty({ enum: TABLE_ROLES }) role: TableRole;
  @ApiProperty() grantedAt: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'the administrator who granted it (null for a grant made outside the API)' }) grantedBy: string | null;
  @ApiProperty({ nullable: true, type: String }) grantedByName: string | null;
}

/** A table's member agencies and role grants, for its administrator. */
export class TableMembersView {
  @ApiProperty({ format: 'uuid' }) tableId: string;
  @ApiProperty({ type: [TableAgencyView] }) agencies: TableAgencyView[];
  @ApiProperty({ type: [TableGrantView], description: 'by display name, then role' }) grants: TableGrantView[];
}
