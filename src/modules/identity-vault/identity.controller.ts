import { Body, Controller, Get, HttpCode, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiResponse, ApiTags } from '@nestjs/swagger';
import { RateLimit, TableAccess } from '../../common/authz/access-rule';
import type { Actor, TableScope } from '../../common/authz/principal';
import { CurrentActor, Scope } from '../../common/authz/request-context';
import { UuidParam } from '../../common/http/uuid-param';
import { IdentityQuery, IdentityView, WriteIdentityDto } from './identity.dto';
import { IdentityStep } from './identity-step.guard';
import { IdentityVaultService } from './identity-vault.service';

/**
 * Filter 3: limited identifying information, for the representatives (AGENCY_REP) of the
 * originating, lead and assisting agencies only (domain.md). The one-person view of the subject
 * (subject.controller.ts): PUT writes a PERSONS subject of one PRIMARY person, GET reads the PRIMARY. Other roles get 403 whatever their
 * agency. Standing and state are checked before the body or the purpose is looked at.
 */
@ApiTags('identity')
@ApiBearerAuth()
@Controller('situations/:id/identity')
export class IdentityController {
  constructor(private readonly vault: IdentityVaultService) {}

  @Put()
  @TableAccess('situation', 'AGENCY_REP')
  @IdentityStep('WRITE_IDENTITY')
  @RateLimit('sensitive')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'written: the subject is now this one person (PERSONS, PRIMARY); other persons of a family are written with PUT /subject' })
  @ApiResponse({
    status: 422,
    description:
      'SUBJECT_KIND_MISMATCH: the situation type (GROUP, LOCATION) calls for a group or a place: write it with PUT /subject; LEGAL_AUTHORITY_REFUSED (details.field legalAuthority, details.reason RETIRED or SECTOR): a retired authority, or one the writer agency sector may not rely on',
  })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED: a field; consent missing for an authority that requires it, or obtained by an agency not of the situation' })
  write(@Scope() scope: TableScope, @CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() dto: WriteIdentityDto): Promise<void> {
    // The same write as PUT /subject: a PERSONS subject of this one PRIMARY person.
    const { legalAuthority, consent, ...person } = dto;
    return this.vault.store(actor, scope.tableId, id, { subject: { kind: 'PERSONS', persons: [{ role: 'PRIMARY', ...person }] }, legalAuthority, consent }, scope.roles);
  }

  @Get()
  @TableAccess('situation', 'AGENCY_REP')
  @IdentityStep('READ_IDENTITY')
  @RateLimit('sensitive')
  @ApiOkResponse({ type: IdentityView })
  @ApiResponse({
    status: 409,
    description:
      'IDENTITY_INTEGRITY_FAILURE: the stored identity failed its integrity check (not disclosed; audited and flagged); CONFLICT with details.reason SUBJECT_NOT_A_PERSON: the subject is a place or a group, read GET /subject',
  })
  @ApiResponse({ status: 404, description: 'NOT_FOUND: no identity written yet' })
  @ApiResponse({ status: 410, description: 'GONE: the identity was purged' })
  @ApiResponse({ status: 422, description: 'PII_DETECTED: the purpose note holds identifying information (checked like any free text, including against this identity)' })
  read(@Scope() scope: TableScope, @CurrentActor() actor: Actor, @UuidParam('id') id: string, @Query() query: IdentityQuery): Promise<IdentityView> {
    return this.vault.reveal(actor, scope.tableId, id, { code: query.purposeCode, note: query.purpose?.trim() || null }, scope.roles);
  }
}
