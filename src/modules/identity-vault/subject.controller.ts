import { Body, Controller, Get, HttpCode, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { RateLimit, TableAccess } from '../../common/authz/access-rule';
import type { Actor, TableScope } from '../../common/authz/principal';
import { CurrentActor, Scope } from '../../common/authz/request-context';
import { UuidParam } from '../../common/http/uuid-param';
import { IdentityQuery } from './identity.dto';
import { IdentityStep } from './identity-step.guard';
import { IdentityVaultService } from './identity-vault.service';
import { subjectOfDto, SubjectView, WriteSubjectDto } from './subject.dto';

/**
 * The subject of a situation (issue 16): persons (a family, each with a role), a place or a group,
 * in the identity vault with exactly the identity's protection, standing, states, purpose and audit
 * (the same guard, the same vault code: `identity.write` and `identity.read` entries, so the
 * caller's identity reads and the privacy officer's access log show reads of either route).
 */
@ApiTags('identity')
@ApiBearerAuth()
@Controller('situations/:id/subject')
export class SubjectController {
  constructor(private readonly vault: IdentityVaultService) {}

  @Put()
  @TableAccess('situation', 'AGENCY_REP')
  @IdentityStep('WRITE_IDENTITY')
  @RateLimit('sensitive')
  @HttpCode(204)
  @ApiOperation({
    summary: "Write the situation's subject (replaces it whole)",
    description:
      'Representatives (AGENCY_REP) of the originating or lead agency, once assigned, as PUT /identity. PERSONS: 1-12 persons, each with a role, exactly one PRIMARY; PLACE: address and description; GROUP: description, contact optional. The kind must match the situation type (PERSON, FAMILY: PERSONS; LOCATION: PLACE; GROUP: GROUP).',
  })
  @ApiNoContentResponse({ description: 'written' })
  @ApiResponse({
    status: 400,
    description: 'VALIDATION_FAILED: a field, a field of another kind, not exactly one PRIMARY person; consent missing for an authority that requires it',
  })
  @ApiResponse({
    status: 422,
    description:
      'SUBJECT_KIND_MISMATCH: the kind is not the one the situation type calls for (details.expectedKind); LEGAL_AUTHORITY_REFUSED (details.field legalAuthority, details.reason RETIRED or SECTOR): a retired authority, or one the writer agency sector may not rely on',
  })
  write(@Scope() scope: TableScope, @CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() dto: WriteSubjectDto): Promise<void> {
    return this.vault.store(actor, scope.tableId, id, { subject: subjectOfDto(dto), legalAuthority: dto.legalAuthority, consent: dto.consent }, scope.roles);
  }

  @Get()
  @TableAccess('situation', 'AGENCY_REP')
  @IdentityStep('READ_IDENTITY')
  @RateLimit('sensitive')
  @ApiOperation({
    summary: "Read the situation's subject with a stated purpose",
    description:
      'Every person (PRIMARY first), the place or the group; standing, states, purpose and audit as GET /identity. A subject written through PUT /identity reads as PERSONS with one PRIMARY person.',
  })
  @ApiOkResponse({ type: SubjectView })
  @ApiResponse({ status: 404, description: 'NOT_FOUND: no subject written yet' })
  @ApiResponse({ status: 409, description: 'IDENTITY_INTEGRITY_FAILURE: the stored subject failed its integrity check (not disclosed; audited and flagged)' })
  @ApiResponse({ status: 410, description: 'GONE: the subject was purged' })
  @ApiResponse({
    status: 422,
    description: 'PII_DETECTED: the purpose note holds identifying information (checked like any free text, including against every value of this subject)',
  })
  read(@Scope() scope: TableScope, @CurrentActor() actor: Actor, @UuidParam('id') id: string, @Query() query: IdentityQuery): Promise<SubjectView> {
    return this.vault.revealSubject(actor, scope.tableId, id, { code: query.purposeCode, note: query.purpose?.trim() || null }, scope.roles);
  }
}
