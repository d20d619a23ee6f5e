import { ApiProperty, ApiPropertyOptional, IntersectionType, OmitType } from '@nestjs/swagger';
import { MeaningfulNote, Trimmed } from '../../common/http/text';
import { IsIn, IsString, Length, ValidateIf } from 'class-validator';
import { ACCESS_PURPOSE_CODES } from '../taxonomy/taxonomy.constants';
import { DisclosureBasisDto, SubjectPersonDto } from './subject.dto';

/** `PUT /situations/:id/identity`: one person (the PRIMARY of a PERSONS subject: subject.dto.ts), with the same field rules. */
export class WriteIdentityDto extends IntersectionType(OmitType(SubjectPersonDto, ['role'] as const), DisclosureBasisDto) {}

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
