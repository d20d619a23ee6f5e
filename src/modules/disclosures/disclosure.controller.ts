import { Body, Controller, Get, Header, HttpCode, Post, Query, StreamableFile, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { RateLimit, TableAccess } from '../../common/authz/access-rule';
import type { Actor, TableScope } from '../../common/authz/principal';
import { CurrentActor, Lang, Scope } from '../../common/authz/request-context';
import type { Language } from '../../common/http/language';
import { ApiPaginatedResponse, Page } from '../../common/http/pagination';
import { UuidParam } from '../../common/http/uuid-param';
import { DisclosingAgencyGuard } from './disclosing-agency.guard';
import { ConsentDto, DisclosureExportQuery, DisclosureRegisterQuery, DisclosureView, NoticeDto, SituationDisclosuresView } from './disclosure.dto';
import { DisclosureService } from './disclosure.service';

/**
 * Disclosures of identity (issue 17, section 1): a situation's disclosures, the disclosing agency's
 * notice and consent records, and the privacy officer's register. No identity value anywhere.
 */
@ApiTags('disclosures')
@ApiBearerAuth()
@Controller()
export class DisclosureController {
  constructor(private readonly disclosures: DisclosureService) {}

  @Get('situations/:id/disclosures')
  @TableAccess('situation', 'AGENCY_REP', 'COORDINATOR', 'PRIVACY_OFFICER')
  @ApiOperation({
    summary: "A situation's disclosures of identity",
    description: "Representatives of the situation's agencies (originating, lead, assisting), coordinators and privacy officers. Field names, never values. Audited.",
  })
  @ApiOkResponse({ type: SituationDisclosuresView })
  @ApiResponse({ status: 403, description: 'FORBIDDEN: a representative of an agency without standing on the situation' })
  list(@Scope() scope: TableScope, @CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<SituationDisclosuresView> {
    return this.disclosures.forSituation(scope, actor, id);
  }

  @Post('situations/:id/disclosures/:disclosureId/notice')
  @TableAccess('situation', 'AGENCY_REP')
  @UseGuards(DisclosingAgencyGuard)
  @HttpCode(200)
  @ApiOperation({ summary: 'Record the notice given to the person', description: 'The disclosing agency (its representatives), once, when the authority requires notice.' })
  @ApiOkResponse({ type: DisclosureView })
  @ApiResponse({ status: 403, description: 'FORBIDDEN: not a representative of the disclosing agency (before the body)' })
  @ApiResponse({ status: 404, description: 'NOT_FOUND: no such disclosure on this situation' })
  @ApiResponse({ status: 409, description: 'CONFLICT: NOTICE_NOT_REQUIRED (the authority requires none), NOTICE_ALREADY_RECORDED' })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED: givenAt before the disclosure or in the future, an unknown method' })
  notice(
    @Scope() scope: TableScope,
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @UuidParam('disclosureId') disclosureId: string,
    @Body() dto: NoticeDto,
  ): Promise<DisclosureView> {
    return this.disclosures.recordNotice(scope, actor, id, disclosureId, dto);
  }

  @Post('situations/:id/disclosures/:disclosureId/consent')
  @TableAccess('situation', 'AGENCY_REP')
  @UseGuards(DisclosingAgencyGuard)
  @HttpCode(200)
  @ApiOperation({ summary: "Record (or correct) the person's consent", description: 'The disclosing agency (its representatives): the agency that obtained it, when, its scope.' })
  @ApiOkResponse({ type: DisclosureView })
  @ApiResponse({ status: 403, description: 'FORBIDDEN: not a representative of the disclosing agency (before the body)' })
  @ApiResponse({ status: 404, description: 'NOT_FOUND: no such disclosure on this situation' })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED: an agency not of the situation, a time in the future or more than a year before the disclosure' })
  consent(
    @Scope() scope: TableScope,
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @UuidParam('disclosureId') disclosureId: string,
    @Body() dto: ConsentDto,
  ): Promise<DisclosureView> {
    return this.disclosures.recordConsent(scope, actor, id, disclosureId, dto);
  }

  @Get('tables/:tableId/disclosures')
  @TableAccess('table', 'PRIVACY_OFFICER')
  @ApiOperation({
    summary: 'The disclosure register',
    description: 'Every disclosure of a period with its notice status; agencies by name, situations by reference; never an identity value. Audited.',
  })
  @ApiPaginatedResponse(DisclosureView)
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED: period, noticeStatus, cursor' })
  register(@Scope() scope: TableScope, @CurrentActor() actor: Actor, @Query() q: DisclosureRegisterQuery): Promise<Page<DisclosureView>> {
    return this.disclosures.register(scope, actor, q);
  }

  @Get('tables/:tableId/disclosures/export.csv')
  @TableAccess('table', 'PRIVACY_OFFICER')
  @RateLimit('sensitive')
  @Header('content-type', 'text/csv; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="disclosures.csv"')
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'the register as CSV (formula cells neutralised; UTF-8 with BOM; in French, semicolons)', content: { 'text/csv': { schema: { type: 'string' } } } })
  async export(@Scope() scope: TableScope, @CurrentActor() actor: Actor, @Query() q: DisclosureExportQuery, @Lang() lang: Language): Promise<StreamableFile> {
    return new StreamableFile(await this.disclosures.exportCsv(scope, actor, q, lang), { type: 'text/csv; charset=utf-8' });
  }
}
