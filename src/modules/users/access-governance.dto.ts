import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { TABLE_ROLES, TableRole } from '../../common/authz/roles';
import { Trimmed } from '../../common/http/text';
import { TableAgencyView } from '../tables/table.dto';
import { REMOVAL_STATUSES, type RemovalStatus } from './access-governance.repository';
import { ACCESS_REVIEW_STATUSES, type AccessReviewStatus } from './domain/access-review';

export const UNDERTAKING_STATES = ['ACCEPTED', 'PENDING', 'NO_AGREEMENT'] as const;
export type UndertakingState = (typeof UNDERTAKING_STATES)[number];

/** A role grant as the access review shows it: names, not only ids; never anything of a situation. */
export class AccessReviewGrantView {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) agencyId: string | null;
  @ApiProperty({ nullable: true, type: String }) agencyName: string | null;
  @ApiProperty() active: boolean;
  @ApiProperty({ enum: TABLE_ROLES }) role: TableRole;
  @ApiProperty() grantedAt: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) grantedBy: string | null;
  @ApiProperty({ nullable: true, type: String }) grantedByName: string | null;
  @ApiProperty({ enum: ACCESS_REVIEW_STATUSES, description: 'CERTIFIED within the period; NEW: never certified, within the grace period; UNCERTIFIED: flagged' })
  status: AccessReviewStatus;
  @ApiProperty({ description: 'when the grant is (or was) due for certification' }) dueAt: string;
  @ApiProperty() uncertified: boolean;
  @ApiProperty({ nullable: true, type: String }) lastCertifiedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) lastCertifiedByName: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'the open removal request of this grant, if any' }) openRemovalRequestId: string | null;
  @ApiProperty({
    enum: UNDERTAKING_STATES,
    description: "the holder's confidentiality undertaking: the current agreement accepted, pending (the role is not active), or no agreement published",
  })
  undertaking: UndertakingState;
  @ApiProperty({ nullable: true, type: Number, description: 'the latest agreement version the holder accepted' }) acceptedVersion: number | null;
}

export class AgreementSummaryView {
  @ApiProperty() version: number;
  @ApiProperty() publishedAt: string;
  @ApiProperty() publishedByName: string;
}

export class AccessReviewCountsView {
  @ApiProperty() certified: number;
  @ApiProperty() new: number;
  @ApiProperty() uncertified: number;
}

export class AccessReviewView {
  @ApiProperty({ format: 'uuid' }) tableId: string;
  @ApiProperty({ description: "the table's review period: days a certification holds" }) periodDays: number;
  @ApiProperty({ description: 'days a new grant may go uncertified' }) graceDays: number;
  @ApiProperty({ type: AgreementSummaryView, nullable: true, description: 'the current confidentiality agreement; null: no agreement published' })
  agreement: AgreementSummaryView | null;
  @ApiProperty({ type: [TableAgencyView] }) agencies: TableAgencyView[];
  @ApiProperty({ type: AccessReviewCountsView }) counts: AccessReviewCountsView;
  @ApiProperty({ type: [AccessReviewGrantView], description: 'by display name, then role' }) grants: AccessReviewGrantView[];
}

export class CertifyGrantDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() userId: string;
  @ApiProperty({ enum: TABLE_ROLES }) @IsIn(TABLE_ROLES) role: TableRole;
  @ApiPropertyOptional({ maxLength: 1000, description: 'checked for identifying information' }) @IsOptional() @Trimmed() @IsString() @Length(1, 1000) note?: string;
}

export class CertificationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) tableId: string;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ enum: TABLE_ROLES }) role: TableRole;
  @ApiProperty() certifiedAt: string;
  @ApiProperty({ description: 'the review period in force: the certification holds this many days' }) periodDays: number;
  @ApiProperty() dueAt: string;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
}

export class RequestRemovalDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() userId: string;
  @ApiProperty({ enum: TABLE_ROLES }) @IsIn(TABLE_ROLES) role: TableRole;
  @ApiProperty({ minLength: 10, maxLength: 1000, description: 'why the grant should be removed; checked for identifying information' })
  @Trimmed()
  @IsString()
  @Length(10, 1000)
  reason: string;
}

export class RemovalRequestView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) tableId: string;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) agencyId: string | null;
  @ApiProperty({ nullable: true, type: String }) agencyName: string | null;
  @ApiProperty({ enum: TABLE_ROLES }) role: TableRole;
  @ApiProperty() reason: string;
  @ApiProperty() requestedAt: string;
  @ApiProperty() requestedByName: string;
  @ApiProperty({ enum: REMOVAL_STATUSES, description: 'OPEN until an administrator revokes the role (REVOKED) or declines the request (DECLINED)' }) status: RemovalStatus;
  @ApiProperty({ nullable: true, type: String }) resolvedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) resolvedByName: string | null;
  @ApiProperty({ nullable: true, type: String }) resolutionNote: string | null;
}

export class RemovalRequestQuery {
  @ApiPropertyOptional({ enum: REMOVAL_STATUSES, description: 'only the requests in this status (all when absent)' }) @IsOptional() @IsIn(REMOVAL_STATUSES) status?: RemovalStatus;
}

export class DeclineRemovalDto {
  @ApiPropertyOptional({ maxLength: 1000, description: 'checked for identifying information' }) @IsOptional() @Trimmed() @IsString() @Length(1, 1000) note?: string;
}

export class PublishAgreementDto {
  @ApiProperty({ minLength: 20, maxLength: 20000 }) @Trimmed() @IsString() @Length(20, 20000) textEn: string;
  @ApiProperty({ minLength: 20, maxLength: 20000 }) @Trimmed() @IsString() @Length(20, 20000) textFr: string;
}

export class AgreementVersionView {
  @ApiProperty({ format: 'uuid' }) tableId: string;
  @ApiProperty() version: number;
  @ApiProperty() textEn: string;
  @ApiProperty() textFr: string;
  @ApiProperty() publishedAt: string;
  @ApiProperty() publishedByName: string;
  @ApiProperty({ description: 'how many users accepted this version' }) acceptances: number;
}

export class AgreementAdminView {
  @ApiProperty({ format: 'uuid' }) tableId: string;
  @ApiProperty({ nullable: true, type: Number, description: 'the current version; null: no agreement published (roles are active without an undertaking)' })
  currentVersion: number | null;
  @ApiProperty({ description: 'users holding a role at the table' }) holders: number;
  @ApiProperty({ description: 'of them, those who have not accepted the current version' }) pending: number;
  @ApiProperty({ type: [AgreementVersionView], description: 'the latest first' }) versions: AgreementVersionView[];
}

/** The table's agreement as its members read it. */
export class AgreementView {
  @ApiProperty({ format: 'uuid' }) tableId: string;
  @ApiProperty({ description: 'false: the table has no confidentiality agreement (roles are active without an undertaking)' }) published: boolean;
  @ApiProperty({ nullable: true, type: Number }) version: number | null;
  @ApiProperty({ nullable: true, type: String }) textEn: string | null;
  @ApiProperty({ nullable: true, type: String }) textFr: string | null;
  @ApiProperty({ nullable: true, type: String }) publishedAt: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'when the caller accepted this version; null: not yet (their roles at the table are not active)' })
  acceptedAt: string | null;
}

export class AcceptAgreementDto {
  @ApiProperty({ description: 'the version read and accepted: must be the current one' }) @IsInt() @Min(1) @Max(1_000_000) version: number;
}

export class AcceptanceView {
  @ApiProperty({ format: 'uuid' }) tableId: string;
  @ApiProperty() version: number;
  @ApiProperty() acceptedAt: string;
}

/** An agreement the caller must accept before their roles at its table are active. */
export class PendingUndertakingDetailView {
  @ApiProperty({ format: 'uuid' }) tableId: string;
  @ApiProperty() tableName: string;
  @ApiProperty() version: number;
  @ApiProperty() textEn: string;
  @ApiProperty() textFr: string;
  @ApiProperty() publishedAt: string;
}
