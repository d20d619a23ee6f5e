import { Body, Controller, Delete, Get, HttpCode, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { RateLimit, TableAccess } from '../../common/authz/access-rule';
import type { Actor, TableScope } from '../../common/authz/principal';
import { CurrentActor, Lang, Scope } from '../../common/authz/request-context';
import type { Language } from '../../common/http/language';
import { UuidParam } from '../../common/http/uuid-param';
import { EquityAnswersView, EquityFormView, equityInputOf, EquityRecordView, RecordEquityDto } from './equity.dto';
import { EquityStep } from './equity-step.guard';
import { EquityService } from './equity.service';
import { IdentityQuery } from './identity.dto';

const WHO =
  'Representatives (AGENCY_REP) of the originating or lead agency, while the situation is ASSIGNED or MOBILIZED, once its subject (persons: the PRIMARY person) is written.';

/**
 * The voluntary equity questions (docs/evaluation.md, section 6; issue 19), asked at Filter 3 about
 * the subject's PRIMARY person, apart from the identity but sealed under its key and purged with it.
 */
@ApiTags('identity')
@ApiBearerAuth()
@Controller('situations/:id/equity')
export class EquityController {
  constructor(private readonly equity: EquityService) {}

  @Get('form')
  @TableAccess('situation', 'AGENCY_REP')
  @EquityStep('form')
  @ApiOperation({
    summary: 'The equity questions and their notice, and whether answers are recorded',
    description: `${WHO} The notice comes with the table's contact and retention filled in; never the answers.`,
  })
  @ApiOkResponse({ type: EquityFormView })
  @ApiResponse({ status: 409, description: 'INVALID_TRANSITION (not ASSIGNED or MOBILIZED); CONFLICT with details.reason SUBJECT_NOT_A_PERSON or SUBJECT_NOT_WRITTEN' })
  form(@Scope() scope: TableScope, @CurrentActor() actor: Actor, @UuidParam('id') id: string, @Lang() lang: Language): Promise<EquityFormView> {
    return this.equity.form(actor, scope.roles, scope.tableId, id, lang);
  }

  @Put()
  @TableAccess('situation', 'AGENCY_REP')
  @EquityStep('write')
  @RateLimit('sensitive')
  @ApiOperation({
    summary: 'Record the equity answers, or that the questions were not asked (replaces a record)',
    description: `${WHO} ASKED: the notice given (noticeGiven true, noticeVersion the one in force), who answered (SELF or AUTHORIZED_PERSON), every answer optional. NOT_ASKED: a reason, no answers. Audited with the questions answered, never the answers.`,
  })
  @ApiOkResponse({ type: EquityRecordView })
  @ApiResponse({
    status: 400,
    description: 'VALIDATION_FAILED: an unknown code, two answers to a one-answer question, a stand-alone answer combined, the notice not confirmed, a field of the other case',
  })
  @ApiResponse({
    status: 409,
    description:
      'INVALID_TRANSITION; CONFLICT with details.reason SUBJECT_NOT_A_PERSON, SUBJECT_NOT_WRITTEN, EQUITY_CONTACT_NOT_SET (the table has no contact for the notice) or EQUITY_NOTICE_OUTDATED',
  })
  write(@Scope() scope: TableScope, @CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() dto: RecordEquityDto): Promise<EquityRecordView> {
    return this.equity.write(actor, scope.roles, scope.tableId, id, dto.noticeVersion, equityInputOf(dto));
  }

  @Get()
  @TableAccess('situation', 'AGENCY_REP')
  @EquityStep('read')
  @RateLimit('sensitive')
  @ApiOperation({
    summary: 'Read the equity answers back, with a stated purpose',
    description: `${WHO} Only a representative of the agency that recorded them; audited as an identity read (field equity).`,
  })
  @ApiOkResponse({ type: EquityAnswersView })
  @ApiResponse({ status: 403, description: 'FORBIDDEN: another agency recorded the answers' })
  @ApiResponse({ status: 404, description: 'NOT_FOUND: nothing recorded' })
  @ApiResponse({
    status: 409,
    description:
      "INVALID_TRANSITION: the situation is not open (ASSIGNED or MOBILIZED); CONFLICT (SUBJECT_NOT_A_PERSON, SUBJECT_NOT_WRITTEN); IDENTITY_INTEGRITY_FAILURE: the stored answers do not open under this situation's key (audited, never disclosed)",
  })
  @ApiResponse({ status: 422, description: 'PII_DETECTED: the purpose note holds identifying information' })
  read(@Scope() scope: TableScope, @CurrentActor() actor: Actor, @UuidParam('id') id: string, @Query() query: IdentityQuery): Promise<EquityAnswersView> {
    return this.equity.read(actor, scope.roles, scope.tableId, id, { code: query.purposeCode, note: query.purpose?.trim() || null });
  }

  @Delete()
  @TableAccess('situation', 'AGENCY_REP')
  @EquityStep('withdraw')
  @RateLimit('sensitive')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Withdraw the equity answers (the person asked)',
    description: `${WHO} The record is deleted and the counts adjusted; a report already published stays.`,
  })
  @ApiNoContentResponse({ description: 'withdrawn' })
  @ApiResponse({ status: 404, description: 'NOT_FOUND: nothing recorded' })
  @ApiResponse({ status: 409, description: 'INVALID_TRANSITION (not ASSIGNED or MOBILIZED); CONFLICT (SUBJECT_NOT_A_PERSON, SUBJECT_NOT_WRITTEN); IDENTITY_INTEGRITY_FAILURE' })
  withdraw(@Scope() scope: TableScope, @CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<void> {
    return this.equity.withdraw(actor, scope.roles, scope.tableId, id);
  }
}
