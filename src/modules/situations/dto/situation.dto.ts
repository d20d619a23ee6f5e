import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Trimmed } from '../../../common/http/text';
import { ActionCountsView } from './actions.dto';
import { SystemBarrierDto, SystemBarriersField, SystemBarrierView } from './system-barriers.dto';
import { LEAD_ANSWERS, LEAD_DECLINE_REASONS, type LeadAnswerInput, type LeadAnswerState, type LeadDeclineReason } from '../domain/lead-answer';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  Equals,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  AGE_BAND_CODES,
  CONCLUSION_CODES,
  CONSENT_CODES,
  GENDER_CODES,
  PROTECTIVE_FACTOR_CODES,
  RISK_FACTOR_CODES,
  SECTOR_CODES,
  SERVICE_CODES,
  SITUATION_TYPE_CODES,
  STUDY_FLAG_CODES,
} from '../../taxonomy/taxonomy.constants';
import { SITUATION_STATUSES, SituationStatus } from '../domain/situation-state';
import { MIN_REOPEN_RATIONALE } from '../domain/reopen';
import { DUPLICATE_OF_PATTERN, DUPLICATE_OF_SHAPE_PROBLEM } from '../domain/duplicate';
import { PageQuery } from '../../../common/http/pagination';

export const MAX_FREE_TEXT = 4000;

export const MAX_SECTORS_NEEDED = SECTOR_CODES.length;

/** `sectorsNeeded`: at least one agency sector of the taxonomy, each once (shared by intake, edit and decision). */
function SectorsNeeded(description: string): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ type: [String], enum: SECTOR_CODES, minItems: 1, maxItems: MAX_SECTORS_NEEDED, uniqueItems: true, description }),
    IsOptional(),
    IsArray(),
    ArrayMinSize(1),
    ArrayMaxSize(MAX_SECTORS_NEEDED),
    ArrayUnique(),
    IsIn(SECTOR_CODES, { each: true }),
  );
}

export class RiskFactorDto {
  @ApiProperty({ example: 'HOUSING_AT_RISK_OF_LOSING' }) @IsIn(RISK_FACTOR_CODES) code: string;
  @ApiProperty({ enum: ['CONFIRMED', 'SUSPECTED'] }) @IsIn(['CONFIRMED', 'SUSPECTED']) certainty: 'CONFIRMED' | 'SUSPECTED';
}

export class ChildrenInHomeDto {
  @ApiProperty() @IsInt() @Min(0) @Max(30) count: number;
  @ApiProperty({ type: [String] }) @IsArray() @ArrayMaxSize(30) @IsIn(AGE_BAND_CODES, { each: true }) ageBands: string[];
}

export class AffectedPersonsDto {
  @ApiPropertyOptional({ type: ChildrenInHomeDto }) @IsOptional() @IsObject() @ValidateNested() @Type(() => ChildrenInHomeDto) childrenInHome?: ChildrenInHomeDto;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(100) otherAdults?: number;
}

/** Filter 1: a referral with no identifying information. */
export class CreateSituationDto {
  @ApiProperty({ enum: SITUATION_TYPE_CODES }) @IsIn(SITUATION_TYPE_CODES) situationType: string;
  @ApiProperty({ enum: AGE_BAND_CODES }) @IsIn(AGE_BAND_CODES) ageBand: string;
  @ApiPropertyOptional({ enum: GENDER_CODES }) @IsOptional() @IsIn(GENDER_CODES) gender?: string;
  @ApiProperty({ type: [RiskFactorDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(60)
  @ArrayUnique((f: RiskFactorDto) => f?.code)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => RiskFactorDto)
  riskFactors: RiskFactorDto[];
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(40)
  @ArrayUnique()
  @IsIn(PROTECTIVE_FACTOR_CODES, { each: true })
  protectiveFactors?: string[];
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsIn(STUDY_FLAG_CODES, { each: true })
  studyFlags?: string[];
  @ApiPropertyOptional({ type: AffectedPersonsDto }) @IsOptional() @IsObject() @ValidateNested() @Type(() => AffectedPersonsDto) affectedPersons?: AffectedPersonsDto;
  @SectorsNeeded(
    "the sectors whose involvement the originating agency believes is needed: the threshold's SECTORS criterion counts them. Absent: none named, the criterion counts the sectors the categories' mandates cover (as before); on an edit, absent keeps those named before",
  )
  sectorsNeeded?: string[];
  @ApiProperty({ maxLength: MAX_FREE_TEXT, description: 'de-identified: checked for names, contacts, numbers, addresses and dates of birth' })
  @Trimmed()
  @IsString()
  @Length(1, MAX_FREE_TEXT)
  narrative: string;
  @ApiProperty({ description: 'attestation: harm is likely and imminent' }) @IsBoolean() @Equals(true) imminentHarm: true;
  @ApiProperty({ description: 'attestation: the agency cannot lower the risk alone' }) @IsBoolean() @Equals(true) agencyExhaustedOptions: true;
}

export const INVOLVEMENTS = ['ORIGINATED', 'LEAD', 'ASSISTING', 'ANY'] as const;
export type Involvement = (typeof INVOLVEMENTS)[number];

export class ListSituationsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: SITUATION_STATUSES }) @IsOptional() @IsIn(SITUATION_STATUSES) status?: SituationStatus;

  @ApiPropertyOptional({
    enum: INVOLVEMENTS,
    description: "relative to the caller's agency: ORIGINATED (it referred), LEAD, ASSISTING, or ANY of the three; a caller without an agency gets an empty list",
  })
  @IsOptional()
  @IsIn(INVOLVEMENTS)
  involvement?: Involvement;

  @ApiPropertyOptional({ type: Boolean, description: 'true: accepted or assigned, not mobilised, decided more than 48 hours ago; false: all the others' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  overdue?: boolean;

  @ApiPropertyOptional({ maxLength: 40, pattern: '^[A-Za-z0-9-]+$', description: 'part of the reference, any case (e.g. PEEL-2026-00)' })
  @IsOptional()
  @IsString()
  @Length(1, 40)
  @Matches(/^[A-Za-z0-9-]+$/)
  reference?: string;
}

export const DECISION_OUTCOMES = ['AER', 'NOT_AER', 'DEFERRED'] as const;
export const MIN_INFORMATION_NEEDED = 20;

export class DecisionDto {
  @ApiProperty({ enum: DECISION_OUTCOMES, description: 'DEFERRED: more information needed, asked of the originating agency (not final)' })
  @IsIn(DECISION_OUTCOMES)
  outcome: (typeof DECISION_OUTCOMES)[number];
  @ApiPropertyOptional({ maxLength: MAX_FREE_TEXT, description: 'required (20+ characters) when deciding against the advice' })
  @IsOptional()
  @Trimmed()
  @IsString()
  @Length(0, MAX_FREE_TEXT)
  rationale?: string;
  @ApiPropertyOptional({
    minLength: MIN_INFORMATION_NEEDED,
    maxLength: MAX_FREE_TEXT,
    description: `required with DEFERRED (${MIN_INFORMATION_NEEDED}+ characters, de-identified): what the table needs to know; refused with another outcome`,
  })
  @IsOptional()
  @Trimmed()
  @IsString()
  @Length(0, MAX_FREE_TEXT)
  informationNeeded?: string;
  @SectorsNeeded(
    'AER or NOT_AER only: the table adjusts the sectors whose involvement is needed; the advice the decision is compared against (againstAdvice) is computed with them, and the threshold shown afterwards too',
  )
  sectorsNeeded?: string[];
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() meetingId?: string;
}

/** An edit of a referral awaiting its decision: the whole referral again, checked as at intake. */
export class EditSituationDto extends CreateSituationDto {}

export class AssignmentDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() leadAgencyId: string;
  @ApiProperty({ type: [String] }) @IsArray() @ArrayMaxSize(20) @ArrayUnique() @IsUUID('all', { each: true }) assistingAgencyIds: string[];
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() meetingId?: string;
}

export class MobilizationDto {
  @ApiProperty({ format: 'date-time' }) @IsISO8601({ strict: true }) mobilizedAt: string;
  @ApiProperty({ type: [String], description: 'the services the agency connected (codes of the taxonomy)' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(30)
  @ArrayUnique()
  @IsIn(SERVICE_CODES, { each: true })
  services: string[];
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() meetingId?: string;
  @ApiPropertyOptional({
    format: 'uuid',
    description:
      "the agency that mobilised: the lead or an assisting agency of the current assignment. A representative records only its own agency's (absent: its own; another: 403); a coordinator any, absent: the lead's",
  })
  @IsOptional()
  @IsUUID()
  agencyId?: string;
}

/** The services an agency connected, changed after its mobilisation (issue 16). */
export class AgencyServicesDto {
  @ApiProperty({ type: [String], description: 'every service the agency has connected (codes of the taxonomy), replacing those recorded' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(30)
  @ArrayUnique()
  @IsIn(SERVICE_CODES, { each: true })
  services: string[];
}

/** One intervening agency of the current assignment and its mobilisation (issue 16). */
export class AgencyMobilizationView {
  @ApiProperty({ format: 'uuid' }) agencyId: string;
  @ApiProperty({ enum: ['LEAD', 'ASSISTING'] }) role: 'LEAD' | 'ASSISTING';
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'when it mobilised; null: not yet' }) mobilizedAt: string | null;
  @ApiProperty({ type: [String], description: 'the services it connected (codes)' }) services: string[];
}

export class UpdateNoteDto {
  @ApiProperty({ maxLength: MAX_FREE_TEXT }) @Trimmed() @IsString() @Length(1, MAX_FREE_TEXT) note: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() meetingId?: string;
}

/** The lead agency's answer to its lead (issue 16). */
export class LeadAnswerDto {
  @ApiProperty({ enum: LEAD_ANSWERS }) @IsIn(LEAD_ANSWERS) answer: LeadAnswerInput;
  @ApiPropertyOptional({ enum: LEAD_DECLINE_REASONS, description: 'required with DECLINE (GET /taxonomy labels.leadDeclineReasons); refused with ACCEPT' })
  @IsOptional()
  @IsIn(LEAD_DECLINE_REASONS)
  reasonCode?: LeadDeclineReason;
  @ApiPropertyOptional({ maxLength: MAX_FREE_TEXT, description: 'de-identified, checked against the known identity; required with the reason OTHER' })
  @IsOptional()
  @Trimmed()
  @IsString()
  @Length(0, MAX_FREE_TEXT)
  note?: string;
  @SystemBarriersField('with DECLINE only: the system barriers behind the decline (a CAPACITY reason may propose CAPACITY; the user confirms)')
  systemBarriers?: SystemBarrierDto[];
}

export class ClosureDto {
  @ApiProperty({ enum: CONCLUSION_CODES }) @IsIn(CONCLUSION_CODES) conclusion: string;
  @ApiProperty({ enum: CONSENT_CODES }) @IsIn(CONSENT_CODES) consentStatus: string;
  @ApiPropertyOptional({ maxLength: MAX_FREE_TEXT }) @IsOptional() @Trimmed() @IsString() @Length(0, MAX_FREE_TEXT) note?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() meetingId?: string;
  @SystemBarriersField(
    'the system barriers the table saw; given, they replace those of a former closure (a closure reopened), absent, those stay (changed later by PUT /situations/:id/system-barriers while it may be reopened)',
  )
  systemBarriers?: SystemBarrierDto[];
}

export class MarkDuplicateDto {
  @ApiProperty({
    example: 'PEEL-2026-0012',
    maxLength: 40,
    description:
      "the original: its reference (any case) or its id; a referral of the same table, not this one, neither rejected, withdrawn nor itself a duplicate (else 400 naming duplicateOf; another table's reference is answered as one that does not exist)",
  })
  @IsString()
  @Length(1, 40)
  @Matches(DUPLICATE_OF_PATTERN, { message: DUPLICATE_OF_SHAPE_PROBLEM })
  duplicateOf: string;
}

export class ReopenDto {
  @ApiProperty({
    minLength: MIN_REOPEN_RATIONALE,
    maxLength: MAX_FREE_TEXT,
    description: `why the situation is reopened (${MIN_REOPEN_RATIONALE}+ characters, de-identified: checked like a decision's rationale)`,
  })
  @Trimmed()
  @IsString()
  @Length(MIN_REOPEN_RATIONALE, MAX_FREE_TEXT)
  rationale: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() meetingId?: string;
}

/** The 48-hour clock of a situation (domain/mobilization-clock.ts), while it runs. */
export class MobilizationClockView {
  @ApiProperty({ enum: ['ASSIGNMENT', 'DECISION'], description: 'the latest assignment, or the decision while not assigned' }) from: string;
  @ApiProperty() startedAt: string;
  @ApiProperty({ description: 'the 24-hour warning' }) warnAt: string;
  @ApiProperty({ description: 'the 48-hour deadline' }) dueAt: string;
  @ApiProperty({ enum: ['RUNNING', 'WARNING', 'OVERDUE'] }) stage: string;
}

export class CriterionView {
  @ApiProperty() name: string;
  @ApiProperty({ oneOf: [{ type: 'number' }, { type: 'boolean' }] }) required: number | boolean;
  @ApiProperty({ oneOf: [{ type: 'number' }, { type: 'boolean' }] }) actual: number | boolean;
  @ApiProperty() met: boolean;
  @ApiPropertyOptional({ type: [String], description: 'SECTORS only: the distinct sectors counted' }) sectors?: string[];
  @ApiPropertyOptional({
    enum: ['NAMED', 'CATEGORY_MAP'],
    description: "SECTORS only: NAMED, the sectors named as needed; CATEGORY_MAP, none were named (a referral from before), the sectors its categories' mandates cover",
  })
  source?: 'NAMED' | 'CATEGORY_MAP';
}

export class ThresholdView {
  @ApiProperty() meets: boolean;
  @ApiProperty({ type: [CriterionView] }) criteria: CriterionView[];
  @ApiProperty({ type: [String], nullable: true, description: 'the sectors named as needed (at intake, or as the table adjusted them); null: none named' })
  sectorsNeeded: string[] | null;
}

export class DecisionView {
  @ApiProperty({ enum: ['AER', 'NOT_AER'] }) outcome: string;
  @ApiProperty({ nullable: true, type: String }) rationale: string | null;
  @ApiProperty() againstAdvice: boolean;
  @ApiProperty({ nullable: true, type: String }) meetingId: string | null;
  @ApiProperty({ nullable: true, type: String }) decidedBy: string | null;
}

export class DeferralView {
  @ApiProperty({ nullable: true, type: String, description: "the table's question to the originating agency (de-identified)" }) informationNeeded: string | null;
  @ApiProperty({ format: 'date-time' }) deferredAt: string;
  @ApiProperty({ nullable: true, type: String }) deferredBy: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'whole days since the deferral while DEFERRED, else null' }) ageDays: number | null;
  @ApiProperty({ description: "the table's deferral limit in days" }) limitDays: number;
}

export class LeadAnswerDetailView {
  @ApiProperty({ enum: ['ACCEPTED', 'DECLINED'] }) answer: 'ACCEPTED' | 'DECLINED';
  @ApiProperty({ description: 'the agency that answered (after a decline it is no longer the lead)' }) agencyId: string;
  @ApiProperty({ nullable: true, enum: LEAD_DECLINE_REASONS, type: String }) reasonCode: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'de-identified' }) note: string | null;
  @ApiProperty({ format: 'date-time' }) answeredAt: string;
  @ApiProperty({ nullable: true, type: String }) answeredBy: string | null;
}

/** A referral marked as a duplicate of the situation, as its original lists it. */
export class DuplicateLinkView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'PEEL-2026-0013' }) reference: string;
}

/** The de-identified situation (api.md, "A situation in responses"). */
export class SituationView {
  @ApiProperty() id: string;
  @ApiProperty() reference: string;
  @ApiProperty() tableId: string;
  @ApiProperty({ enum: SITUATION_STATUSES }) status: SituationStatus;
  @ApiPropertyOptional() version?: number;
  @ApiProperty() situationType: string;
  @ApiPropertyOptional({ nullable: true, type: String }) ageBand?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) gender?: string | null;
  @ApiPropertyOptional({ type: [RiskFactorDto] }) riskFactors?: RiskFactorDto[];
  @ApiPropertyOptional({ type: [String] }) protectiveFactors?: string[];
  @ApiPropertyOptional({ type: [String] }) studyFlags?: string[];
  @ApiPropertyOptional({ type: AffectedPersonsDto, nullable: true }) affectedPersons?: AffectedPersonsDto | null;
  @ApiPropertyOptional({ nullable: true, type: String }) narrative?: string | null;
  @ApiPropertyOptional({ type: [String], nullable: true, description: 'the sectors named as needed; null: none named (the threshold counts the category map)' })
  sectorsNeeded?: string[] | null;
  @ApiProperty() originatingAgencyId: string;
  @ApiPropertyOptional() originatingSector?: string;
  @ApiPropertyOptional({ nullable: true, type: String }) leadAgencyId?: string | null;
  @ApiPropertyOptional({ type: [String] }) assistingAgencyIds?: string[];
  @ApiPropertyOptional({ type: ThresholdView }) threshold?: ThresholdView;
  @ApiProperty({ type: DecisionView, nullable: true }) decision: DecisionView | null;
  @ApiPropertyOptional({ type: DeferralView, nullable: true, description: 'the last deferral (kept after the agency answered)' }) deferral?: DeferralView | null;
  @ApiPropertyOptional({ description: "DEFERRED for more than the table's deferral limit" }) deferredOverdue?: boolean;
  @ApiPropertyOptional({
    nullable: true,
    enum: ['PENDING', 'ACCEPTED', 'DECLINED'],
    type: String,
    description: "the lead agency's answer: PENDING while the current lead has not answered; null before any lead",
  })
  leadAnswer?: LeadAnswerState | null;
  @ApiPropertyOptional({ description: 'ASSIGNED and the lead unanswered for more than 24 hours after it was given' }) leadAnswerOverdue?: boolean;
  @ApiPropertyOptional({ nullable: true, format: 'date-time', type: String, description: 'when the current lead was given' }) leadAssignedAt?: string | null;
  @ApiPropertyOptional({ type: LeadAnswerDetailView, nullable: true, description: "the lead's answer, kept after a decline until the next lead is given" })
  leadAnswerDetail?: LeadAnswerDetailView | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'the latest (re)assignment: the 48-hour clock counts from it' }) lastAssignedAt?: string | null;
  @ApiPropertyOptional({ type: MobilizationClockView, nullable: true, description: 'the 48-hour clock while it runs (accepted or assigned, not mobilised)' })
  mobilizationClock?: MobilizationClockView | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: "the situation's mobilisation: its lead's, which moved it to MOBILIZED" }) mobilizedAt?: string | null;
  @ApiPropertyOptional({ type: [String], description: "the services the lead agency connected (each agency's: `agencies`)" }) services?: string[];
  @ApiPropertyOptional({
    type: [AgencyMobilizationView],
    description: 'the intervening agencies of the current assignment, the lead first, each with its mobilisation (null until it mobilised) and the services it connected',
  })
  agencies?: AgencyMobilizationView[];
  @ApiPropertyOptional({ nullable: true, type: String }) conclusion?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) consentStatus?: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String }) decidedAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) closedAt?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) identityPurgeAt?: string | null;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: "when its free texts were erased under the table's retention policy (narrative, rationale, notes, updates, actions: empty or null since); null while kept",
  })
  textsErasedAt?: string | null;
  @ApiPropertyOptional({ description: "no activity for the table's dormancy flag period (dormancyFlagDays): flagged to the coordinators; any activity clears it" })
  dormant?: boolean;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'when it was flagged dormant (null when not dormant)' }) dormantSince?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'its latest activity: a transition, a status update, an action planned or marked, a contact attempt' })
  lastActivityAt?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) withdrawnAt?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'uuid', description: 'DUPLICATE: the original referral this one duplicates (same table)' })
  duplicateOfId?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: "DUPLICATE: the original's reference" }) duplicateOfReference?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time', description: 'DUPLICATE: when it was marked' }) duplicateMarkedAt?: string | null;
  @ApiPropertyOptional({ type: [DuplicateLinkView], description: 'the referrals marked as duplicates of this one (id and reference), in the order they were marked' })
  duplicates?: DuplicateLinkView[];
  @ApiPropertyOptional({
    type: ActionCountsView,
    description: "GET /situations/:id only: how many of its agencies' actions are planned, done, not done, and overdue (GET /situations/:id/actions)",
  })
  actions?: ActionCountsView;
  @ApiPropertyOptional({
    type: [SystemBarrierView],
    description: "the system barriers recorded (at closure, with a lead's decline, with an action not done), in the order recorded",
  })
  systemBarriers?: SystemBarrierView[];
}

export class SituationUpdateView {
  @ApiProperty() id: string;
  @ApiProperty() situationId: string;
  @ApiProperty() note: string;
  @ApiProperty() authorAgencyId: string;
  @ApiProperty({ nullable: true, type: String }) meetingId: string | null;
  @ApiProperty() createdAt: string;
}
