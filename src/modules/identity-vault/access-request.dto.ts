import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsString, Length, Matches, ValidateIf } from 'class-validator';
import { MeaningfulNote, Trimmed } from '../../common/http/text';

/**
 * Why a privacy officer searches the blind index (the audit entry records it with the note):
 * ACCESS_REQUEST: a person asks for access to the personal information held about them (FIPPA
 * s. 47(1), MFIPPA s. 36(1), PHIPA s. 52(1)); CORRECTION_REQUEST: a request to correct it (FIPPA
 * s. 47(2), MFIPPA s. 36(2), PHIPA s. 55(1)); COMPLAINT: a privacy complaint or an IPC inquiry about
 * the person; BREACH_INVESTIGATION: finding the situations a suspected breach touched; OTHER: the
 * note says why.
 */
export const ACCESS_REQUEST_PURPOSES = ['ACCESS_REQUEST', 'CORRECTION_REQUEST', 'COMPLAINT', 'BREACH_INVESTIGATION', 'OTHER'] as const;
export type AccessRequestPurpose = (typeof ACCESS_REQUEST_PURPOSES)[number];

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * `POST /tables/:tableId/access-requests/search`: an exact identity match (names and date of birth,
 * normalised: blind-index.ts) and a purpose. A POST so that the name is never in a URL, a proxy log
 * or the browser history; the body is never logged (logger.ts redacts `body`, `*.givenName`...).
 */
export class AccessRequestSearchDto {
  @ApiProperty({ minLength: 1, maxLength: 100 }) @Trimmed() @IsString() @Length(1, 100) givenName: string;
  @ApiProperty({ minLength: 1, maxLength: 100 }) @Trimmed() @IsString() @Length(1, 100) familyName: string;
  @ApiProperty({ format: 'date', example: '1990-01-31' }) @IsString() @IsISO8601({ strict: true }) @Matches(DATE) dateOfBirth: string;

  @ApiProperty({ enum: ACCESS_REQUEST_PURPOSES, description: 'why the search is made (recorded in the audit trail)' })
  @IsIn(ACCESS_REQUEST_PURPOSES)
  purposeCode: AccessRequestPurpose;

  @ApiPropertyOptional({ description: 'a short note (required for OTHER): at least two words, no identifying text, not the searched name', minLength: 8, maxLength: 200 })
  @ValidateIf((o: AccessRequestSearchDto) => o.purposeCode === 'OTHER' || o.purpose !== undefined)
  @Trimmed()
  @IsString()
  @Length(8, 200)
  @MeaningfulNote()
  purpose?: string;
}

/** A situation of the table the searched person is indexed in: references and dates, never identity. */
export class AccessRequestMatchView {
  @ApiProperty({ format: 'uuid' }) situationId: string;
  @ApiProperty() reference: string;
  @ApiProperty() status: string;
  @ApiProperty() situationType: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) closedAt: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'when the identity will be crypto-shredded (and the situation no longer found)' })
  identityPurgeAt: string | null;
}

export class AccessRequestResultView {
  @ApiProperty({ type: [AccessRequestMatchView], description: 'newest first (at most 200)' }) matches: AccessRequestMatchView[];
  @ApiProperty({ format: 'date-time' }) searchedAt: string;
}
