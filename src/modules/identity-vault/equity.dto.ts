import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsObject, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { ANSWERED_BY_CODES, EQUITY_REFERENCE, NOT_ASKED_REASON_CODES } from './equity-reference';
import type { EquityAnswers, EquityInput } from './equity';

const optionsOf = (code: string) => EQUITY_REFERENCE.questions.find((q) => q.code === code)!.options.map((o) => o.code);

/** One question's codes: every question optional, an empty list is no answer. */
const Codes = (code: string, description: string) => (target: object, key: string) => {
  ApiPropertyOptional({ type: [String], enum: optionsOf(code), description })(target, key);
  IsOptional()(target, key);
  IsArray()(target, key);
  ArrayMaxSize(optionsOf(code).length)(target, key);
  IsIn(optionsOf(code), { each: true })(target, key);
};

/** The answers by question (docs/evaluation.md, 6.2): each optional; PREFER_NOT_TO_ANSWER is an answer of its own. */
export class EquityAnswersDto {
  @Codes('INDIGENOUS_IDENTITY', 'select all that apply; NO and PREFER_NOT_TO_ANSWER stand alone') INDIGENOUS_IDENTITY?: string[];
  @Codes('RACE', 'select all that apply; PREFER_NOT_TO_ANSWER stands alone') RACE?: string[];
  @Codes('RELIGION', 'one answer') RELIGION?: string[];
  @Codes('ETHNIC_ORIGIN', "select all that apply (Statistics Canada's 2021 top-level groupings); PREFER_NOT_TO_ANSWER stands alone") ETHNIC_ORIGIN?: string[];
  @Codes('GENDER_IDENTITY', 'one answer (self-identified)') GENDER_IDENTITY?: string[];
}

/** `PUT /situations/:id/equity`: a record, or a correction replacing it whole. */
export class RecordEquityDto {
  @ApiProperty({ enum: ['ASKED', 'NOT_ASKED'] }) @IsIn(['ASKED', 'NOT_ASKED']) asked: 'ASKED' | 'NOT_ASKED';
  @ApiPropertyOptional({ enum: NOT_ASKED_REASON_CODES, description: 'NOT_ASKED only, required then' })
  @IsOptional()
  @IsIn(NOT_ASKED_REASON_CODES)
  notAskedReason?: string;
  @ApiPropertyOptional({ enum: ANSWERED_BY_CODES, description: 'ASKED only, required then: the person, or a person legally authorized to act for them' })
  @IsOptional()
  @IsIn(ANSWERED_BY_CODES)
  answeredBy?: string;
  @ApiProperty({ description: 'the version of the notice (and questions) shown: GET /situations/:id/equity/form `version`', example: '2026.1' })
  @IsString()
  @MaxLength(20)
  @Matches(/^\d{4}\.\d{1,3}$/)
  noticeVersion: string;
  @ApiPropertyOptional({ description: 'ASKED: the representative confirms the notice was given before the questions (required true)' })
  @IsOptional()
  @IsBoolean()
  noticeGiven?: boolean;
  @ApiPropertyOptional({ type: EquityAnswersDto }) @IsOptional() @IsObject() @ValidateNested() @Type(() => EquityAnswersDto) answers?: EquityAnswersDto;
}

export function equityInputOf(dto: RecordEquityDto): EquityInput {
  const answers: EquityAnswers = {};
  for (const [k, v] of Object.entries(dto.answers ?? {})) if (Array.isArray(v)) answers[k as keyof EquityAnswers] = v as string[];
  return { asked: dto.asked, notAskedReason: dto.notAskedReason ?? null, answeredBy: dto.answeredBy ?? null, noticeGiven: dto.noticeGiven === true, answers };
}

export class EquityOptionView {
  @ApiProperty() code: string;
  @ApiProperty() label: string;
}

export class EquityQuestionView {
  @ApiProperty({ enum: ['INDIGENOUS_IDENTITY', 'RACE', 'RELIGION', 'ETHNIC_ORIGIN', 'GENDER_IDENTITY'] }) code: string;
  @ApiProperty({ description: 'select all that apply (true) or one answer' }) multiple: boolean;
  @ApiProperty() label: string;
  @ApiProperty({ type: [String], description: 'codes that stand alone' }) alone: string[];
  @ApiProperty({ type: [EquityOptionView] }) options: EquityOptionView[];
}

export class EquityNoticeView {
  @ApiProperty() title: string;
  @ApiProperty({ description: "the notice to read to the person, the table's contact and retention filled in" }) text: string;
  @ApiProperty({ description: "false: the table's contact is not set yet (the answers are refused until it is)" }) contactSet: boolean;
}

/** A record's metadata: never the answers. */
export class EquityRecordView {
  @ApiProperty() noticeVersion: string;
  @ApiProperty() recordedAt: string;
  @ApiProperty({ format: 'uuid' }) recordedByAgencyId: string;
  @ApiProperty({ description: "the caller's agency recorded it (only it may read the answers back)" }) recordedByMyAgency: boolean;
}

/** `GET /situations/:id/equity/form`: the questions and notice in the caller's language, and whether answers are recorded. */
export class EquityFormView {
  @ApiProperty({ description: 'the equity reference version (questions and notice) in force' }) version: string;
  @ApiProperty({ enum: ['en', 'fr'] }) language: string;
  @ApiProperty({ type: EquityNoticeView }) notice: EquityNoticeView;
  @ApiProperty({ type: [EquityQuestionView] }) questions: EquityQuestionView[];
  @ApiProperty({ type: [EquityOptionView] }) notAskedReasons: EquityOptionView[];
  @ApiProperty({ type: [EquityOptionView] }) answeredBy: EquityOptionView[];
  @ApiProperty({ type: EquityRecordView, nullable: true }) record: EquityRecordView | null;
}

/** `GET /situations/:id/equity`: the answers read back (recording agency, open situation, stated purpose). */
export class EquityAnswersView extends EquityRecordView {
  @ApiProperty({ enum: ['ASKED', 'NOT_ASKED'] }) asked: 'ASKED' | 'NOT_ASKED';
  @ApiProperty({ nullable: true, type: String }) notAskedReason: string | null;
  @ApiProperty({ nullable: true, type: String }) answeredBy: string | null;
  @ApiProperty({ type: EquityAnswersDto }) answers: EquityAnswers;
}
