import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsUUID, Matches, MaxLength } from 'class-validator';
import { PageQuery } from '../../common/http/pagination';
import { LABELS } from '../taxonomy/labels';
import { NOTICE_STATUSES } from './domain/disclosure-rules';

export const NOTICE_METHODS = LABELS.noticeMethods.map((l) => l.code);
export const CONSENT_SCOPES = LABELS.consentScopes.map((l) => l.code);
/** An instant as ISO 8601 with its offset (2026-07-01T14:30:00Z, 2026-07-01T10:30:00-04:00). */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * The person's consent to a disclosure (an authority that requires consent: CONSENT). Coded, no
 * free text: the agency that obtained it (one of the situation's agencies; default the disclosing
 * agency), when, and what it covers (labels.consentScopes).
 */
export class ConsentDto {
  @ApiPropertyOptional({ format: 'uuid', description: "the agency that obtained the consent: one of the situation's agencies (default: the disclosing agency)" })
  @IsOptional()
  @IsUUID()
  obtainedByAgencyId?: string;

  @ApiProperty({ example: '2026-07-01T14:30:00Z', description: 'when the consent was obtained: not in the future, at most a year before the disclosure' })
  @IsISO8601({ strict: true })
  @Matches(INSTANT)
  @MaxLength(40)
  obtainedAt: string;

  @ApiProperty({ enum: CONSENT_SCOPES, description: 'what the consent covers (GET /taxonomy labels.consentScopes)' })
  @IsIn(CONSENT_SCOPES)
  scope: string;
}

/** `POST /situations/:id/disclosures/:disclosureId/notice`: when and how notice of the disclosure was given to the person. */
export class NoticeDto {
  @ApiProperty({ example: '2026-07-02T09:00:00Z', description: 'when notice was given (mailed): not before the disclosure, not in the future' })
  @IsISO8601({ strict: true })
  @Matches(INSTANT)
  @MaxLength(40)
  givenAt: string;

  @ApiProperty({ enum: NOTICE_METHODS, description: 'how (GET /taxonomy labels.noticeMethods)' })
  @IsIn(NOTICE_METHODS)
  method: string;
}

/** `GET /tables/:tableId/disclosures`: a fixed period (as reports) and a notice status. */
export class DisclosureRegisterQuery extends PageQuery {
  @ApiPropertyOptional({ example: '2026-Q3', description: 'a year (2026), a quarter (2026-Q3) or a month (2026-07) in the table time zone; default the current year' })
  @IsOptional()
  @MaxLength(10)
  period?: string;

  @ApiPropertyOptional({ enum: NOTICE_STATUSES })
  @IsOptional()
  @IsIn(NOTICE_STATUSES)
  noticeStatus?: string;
}

/** The CSV export takes the same filters, without paging. */
export class DisclosureExportQuery {
  @ApiPropertyOptional({ example: '2026-Q3' }) @IsOptional() @MaxLength(10) period?: string;
  @ApiPropertyOptional({ enum: NOTICE_STATUSES }) @IsOptional() @IsIn(NOTICE_STATUSES) noticeStatus?: string;
}

export class AgencyRef {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

export class DisclosureNoticeView {
  @ApiProperty({ enum: NOTICE_STATUSES }) status: string;
  @ApiProperty({ nullable: true, type: String, description: 'the method the authority calls for (labels.noticeMethods); null: no notice required' }) requiredMethod: string | null;
  @ApiProperty({ nullable: true, type: String }) dueAt: string | null;
  @ApiProperty({ nullable: true, type: String }) givenAt: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'how it was given (labels.noticeMethods)' }) method: string | null;
}

export class DisclosureConsentView {
  @ApiProperty({ description: 'the authority requires consent' }) required: boolean;
  @ApiProperty({ nullable: true, type: AgencyRef }) obtainedBy: AgencyRef | null;
  @ApiProperty({ nullable: true, type: String }) obtainedAt: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'labels.consentScopes' }) scope: string | null;
}

/**
 * One disclosure of identity (issue 17): the authority, who disclosed to whom, the names of the
 * fields disclosed (never their values), the notice and the consent. No identity value at all:
 * a privacy officer reads it.
 */
export class DisclosureView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) situationId: string;
  @ApiProperty({ description: "the situation's reference" }) reference: string;
  @ApiProperty({ description: 'the legal authority code (GET /taxonomy legalAuthorities)' }) legalAuthority: string;
  @ApiProperty({ description: 'the reference data version the authority was read in' }) taxonomyVersion: string;
  @ApiProperty({ description: 'the version of the identity written' }) identityVersion: number;
  @ApiProperty({ type: AgencyRef }) disclosingAgency: AgencyRef;
  @ApiProperty({ type: [AgencyRef], description: 'agencies with standing at the disclosure, and any agency that read the identity since' }) receivingAgencies: AgencyRef[];
  @ApiProperty({ type: [String], description: 'the names of the fields disclosed, never their values' }) fields: string[];
  @ApiProperty() disclosedAt: string;
  @ApiProperty({ type: DisclosureNoticeView }) notice: DisclosureNoticeView;
  @ApiProperty({ type: DisclosureConsentView }) consent: DisclosureConsentView;
}

export class SituationDisclosuresView {
  @ApiProperty({ type: [DisclosureView], description: 'newest first' }) items: DisclosureView[];
}
