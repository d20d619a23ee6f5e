import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { MeaningfulNote, Trimmed } from '../../common/http/text';
import { Type } from 'class-transformer';
import { IsIn, IsObject, IsOptional, IsString, Length, ValidateIf, ValidateNested } from 'class-validator';
import { ACCESS_PURPOSE_CODES, LEGAL_AUTHORITY_CODES } from '../taxonomy/taxonomy.constants';
import { ConsentDto } from '../disclosures/disclosure.dto';
import { SubjectPersonDto } from './subject.dto';

/** `PUT /situations/:id/identity`: one person (the PRIMARY of a PERSONS subject: subject.dto.ts), with the same field rules. */
export class WriteIdentityDto extends OmitType(SubjectPersonDto, ['role'] as const) {
  @ApiProperty({
    enum: LEGAL_AUTHORITY_CODES,
    description: 'GET /taxonomy legalAuthorities: in force (not retired) and open to the writer agency sector, else 422 LEGAL_AUTHORITY_REFUSED',
  })
  @IsIn(LEGAL_AUTHORITY_CODES)
  legalAuthority: string;
  @ApiPropertyOptional({ type: ConsentDto, description: 'required when the authority requires consent (CONSENT): who obtained it, when, its scope' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ConsentDto)
  consent?: ConsentDto;
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
