import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Trimmed } from '../../common/http/text';
import { IsIn, IsISO8601, IsOptional, IsString, Length, Matches } from 'class-validator';
import { LEGAL_AUTHORITY_CODES } from '../taxonomy/taxonomy.constants';

export class WriteIdentityDto {
  @ApiProperty() @Trimmed() @IsString() @Length(1, 100) givenName: string;
  @ApiProperty() @Trimmed() @IsString() @Length(1, 100) familyName: string;
  @ApiPropertyOptional({ format: 'date', example: '1990-01-31' }) @IsOptional() @IsISO8601({ strict: true }) @Matches(/^\d{4}-\d{2}-\d{2}$/) dateOfBirth?: string;
  @ApiPropertyOptional() @IsOptional() @Trimmed() @IsString() @Length(1, 300) address?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(3, 40) @Matches(/^[0-9+().\s-]+$/) phone?: string;
  @ApiProperty({ enum: LEGAL_AUTHORITY_CODES }) @IsIn(LEGAL_AUTHORITY_CODES) legalAuthority: string;
}

export class IdentityQuery {
  @ApiProperty({ description: 'why the identity is read; recorded in the audit trail (no identifying text)', minLength: 3, maxLength: 200 })
  @Trimmed() @IsString() @Length(3, 200) purpose: string;
}

export class IdentityView {
  @ApiProperty() situationId: string;
  @ApiProperty() givenName: string;
  @ApiProperty() familyName: string;
  @ApiProperty({ nullable: true, type: String }) dateOfBirth: string | null;
  @ApiProperty({ nullable: true, type: String }) address: string | null;
  @ApiProperty({ nullable: true, type: String }) phone: string | null;
  @ApiProperty() legalAuthority: string;
  @ApiProperty() writtenAt: string;
  @ApiProperty() writtenByAgencyId: string;
}

export const IDENTITY_FIELDS = ['givenName', 'familyName', 'dateOfBirth', 'address', 'phone'] as const;
export type IdentityField = (typeof IDENTITY_FIELDS)[number];
