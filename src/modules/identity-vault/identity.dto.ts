import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MeaningfulNote, Trimmed } from '../../common/http/text';
import { IsIn, IsISO8601, IsOptional, IsString, Length, Matches, ValidateIf } from 'class-validator';
import { ACCESS_PURPOSE_CODES, LEGAL_AUTHORITY_CODES } from '../taxonomy/taxonomy.constants';

export class WriteIdentityDto {
  @ApiProperty() @Trimmed() @IsString() @Length(1, 100) givenName: string;
  @ApiProperty() @Trimmed() @IsString() @Length(1, 100) familyName: string;
  @ApiPropertyOptional({ format: 'date', example: '1990-01-31' }) @IsOptional() @IsISO8601({ strict: true }) @Matches(/^\d{4}-\d{2}-\d{2}$/) dateOfBirth?: string;
  @ApiPropertyOptional() @IsOptional() @Trimmed() @IsString() @Length(1, 300) address?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(3, 40) @Matches(/^[0-9+().\s-]+$/) phone?: string;
  @ApiProperty({ enum: LEGAL_AUTHORITY_CODES }) @IsIn(LEGAL_AUTHORITY_CODES) legalAuthority: string;
}

/**
 * The stated purpose of an identity read (api.md): a code from the taxonomy's `accessPurposes` and
 * a short note, required for OTHER. Both go into the audit trail; the note is checked for
 * identifying information, this situation's own identity included, before anything is stored.
 */
export class IdentityQuery {
  @ApiProperty({ enum: ACCESS_PURPOSE_CODES, description: 'why the identity is read (GET /taxonomy accessPurposes)' })
  @IsIn(ACCESS_PURPOSE_CODES)
  purposeCode: string;

  @ApiPropertyOptional({ description: 'a short note (required for OTHER): at least two words, no identifying text', minLength: 8, maxLength: 200 })
  @ValidateIf((o: IdentityQuery) => o.purposeCode === 'OTHER' || o.purpose !== undefined)
  @Trimmed()
  @IsString()
  @Length(8, 200)
  @MeaningfulNote()
  purpose?: string;
}

/** A read's purpose as the vault records it. */
export interface ReadPurpose {
  code: string;
  note: string | null;
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
