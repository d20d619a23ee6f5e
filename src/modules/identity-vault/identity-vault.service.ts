import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Actor } from '../../common/authz/principal';
import type { TableRole } from '../../common/authz/roles';
import { Clock } from '../../common/clock/clock';
import { DomainError } from '../../common/errors/domain-error';
import { ErrorCode } from '../../common/errors/error-codes';
import { AuditService } from '../audit/audit.service';
import { DeidentificationService } from '../deidentification/deidentification.service';
import type { PiiKind } from '../deidentification/pii-detector';
import { precheck } from '../situations/domain/write-rules';
import { refusalError } from '../situations/situation.types';
import { FORMAT_V2 } from './envelope-crypto';
import { IDENTITY_FIELDS, IdentityView, ReadPurpose, WriteIdentityDto } from './identity.dto';
import { IdentityIntegrityError, IdentitySealer, IdentityValues, OpenedRow } from './identity-sealer';
import { IdentityVaultMaintenance, RotationProgress, RotationReport } from './identity-vault-maintenance';
import { IdentityVaultRepository, VaultRow } from './identity-vault.repository';
import { openEpoch } from './kek-policy';
import { KeyUnavailableError } from './kek-store';

const KNOWN_KIND: Record<(typeof IDENTITY_FIELDS)[number], PiiKind> = {
  givenName: 'NAME',
  familyName: 'NAME',
  dateOfBirth: 'DOB',
  address: 'ADDRESS',
  phone: 'PHONE',
};

/**
 * The privacy boundary: the only service that handles identifying data (domain.md, Filter 3).
 * `store` and `reveal` decide standing themselves; every read, granted or refused, is audited, and
 * a granted read is committed to the audit trail before the identity leaves (fail closed).
 */
@Injectable()
export class IdentityVaultService {
  private readonly logger = new Logger('IdentityVault');

  constructor(
    private readonly repo: IdentityVaultRepository,
    private readonly audit: AuditService,
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly deid: DeidentificationService,
    private readonly sealer: IdentitySealer,
    private readonly maintenance: IdentityVaultMaintenance,
  ) {}

  /** PUT identity: representatives (AGENCY_REP) of the originating or lead agency, once assigned. */
  async store(actor: Actor, tableId: string, situationId: string, dto: WriteIdentityDto, roles: readonly TableRole[]): Promise<void> {
    const now = this.clock.now();
    await this.db
      .transaction(async (m) => {
        const s = await this.repo.situationFor(m, situationId, tableId, true);
        if (!s) throw DomainError.notFound('situation');
        // Role and standing, then state (situations/domain/write-rules.ts; the route's guard asked the same).
        const refusal = precheck('WRITE_IDENTITY', { roles, agencyId: actor.agencyId }, s);
        if (refusal) throw refusalError(refusal);
        // Sealed under the KEK of this month; the purge job moves it to its purge month's KEK at closure.
        const version = (await this.repo.versionForUpdate(m, situationId)) + 1;
        const values: IdentityValues = {};
        for (const field of IDENTITY_FIELDS) {
          const value = dto[field]?.trim();
          if (value) values[field] = value;
        }
        const meta = { legalAuthority: dto.legalAuthority, writtenBy: actor.userId, writtenByAgency: actor.agencyId, writtenAt: now };
        const sealed = await this.sealer.seal({ tableId, situationId, version, values, ...meta }, openEpoch(now), now);
        await this.repo.upsert(m, { situationId, tableId, ...sealed, ...meta });
        // The version in the audit trail is what a later read checks the row against (no rollback).
        await this.audit.record(m, actor, {
          action: 'identity.write',
          tableId,
          situationId,
          details: { fields: Object.keys(sealed.ciphertexts).sort(), legalAuthority: dto.legalAuthority, version },
        });
      })
      .catch((err) => this.refused(err, actor, tableId, situationId, 'identity.write', null));
  }

  /**
   * GET identity: representatives (AGENCY_REP) of the originating, lead or assisting agencies, from
   * ASSIGNED until purge, with a stated purpose (a code and a note). Order (api.md): role and
   * standing, purge, state, then the purpose's note, checked like any later free text against
   * generic identifying information and this situation's own identity; a refused note stores nothing.
   */
  async reveal(actor: Actor, tableId: string, situationId: string, purpose: ReadPurpose, roles: readonly TableRole[]): Promise<IdentityView> {
    let opened: IdentityView;
    let fields: string[];
    try {
      const s = await this.repo.situationFor(this.db, situationId, tableId);
      if (!s) throw DomainError.notFound('situation');
      const refusal = precheck('READ_IDENTITY', { roles, agencyId: actor.agencyId }, s);
      if (refusal) throw refusalError(refusal);
      const row = await this.repo.find(this.db, situationId, tableId);
      if (!row) throw DomainError.notFound('identity');
      if (row.purgedAt) throw new DomainError(ErrorCode.GONE);
      const checked = await this.openChecked(row);
      opened = viewOf(checked.row, checked.opened);
      fields = checked.opened.fields;
    } catch (err) {
      return this.refused(err, actor, tableId, situationId, 'identity.read', purpose.code, { purposeCode: purpose.code });
    }
    // The note goes into the audit trail: nothing identifying, least of all this person (422, audited without the text).
    if (purpose.note) {
      await this.deid.check({ purpose: purpose.note }, { actor, tableId, situationId, action: 'identity.read' }, knownValuesOf(opened));
    }
    // Fail closed: the identity leaves only once its audit entry is committed.
    try {
      await this.audit.recordAlone(actor, {
        action: 'identity.read',
        tableId,
        situationId,
        purpose: purposeText(purpose),
        details: { fields, purposeCode: purpose.code, ...(purpose.note ? { purposeNote: purpose.note } : {}) },
      });
    } catch {
      throw new DomainError(ErrorCode.SERVICE_UNAVAILABLE);
    }
    return opened;
  }

  /**
   * The identifying values of a situation, for the de-identification check of later free text
   * (updates, closure notes). Never leaves the server.
   */
  async knownIdentifiers(situationId: string, tableId: string): Promise<{ kind: PiiKind; value: string }[]> {
    const row = await this.repo.find(this.db, situationId, tableId);
    if (!row || row.purgedAt) return [];
    let values: IdentityValues;
    try {
      values = (await this.openChecked(row)).opened.values;
    } catch (err) {
      if (!(err instanceof IdentityIntegrityError)) throw this.unavailable(err, 'identity.check');
      // A corrupt row must not take the update or closure route down with it: the generic detector
      // still runs; the failure is audited and flagged for the privacy officer.
      await this.integrityFailure(err, { userId: null, agencyId: null, requestId: null }, tableId, situationId, 'identity.check', null);
      return [];
    }
    return knownValuesOf(values);
  }

  /**
   * The scheduled purge: data keys of closed situations move to their purge month's KEK, due
   * identities are shredded, unneeded KEKs retired and destroyed (IdentityVaultMaintenance).
   */
  purgeDue(batch = 200): Promise<number> {
    return this.maintenance.purgeDue(batch);
  }

  /**
   * `identity:rotate-key`: every KEK under the current master key, every data key re-wrapped (v1
   * rows upgraded); with `reencrypt`, fresh KEKs, data keys and ciphertexts. Unreadable rows are
   * reported, not fatal.
   */
  rotateMasterKey(opts: { reencrypt?: boolean; batch?: number; onProgress?: (p: RotationProgress) => void } = {}): Promise<RotationReport> {
    return this.maintenance.rotate(opts);
  }

  /**
   * Opens a row and checks it against the audit trail: a v2 row must carry the version its last
   * audited write recorded (an older row restored over it, or a legacy row put in its place, fails).
   */
  private async openChecked(first: VaultRow): Promise<{ row: VaultRow; opened: OpenedRow }> {
    let row = first;
    for (let attempt = 0; ; attempt++) {
      const opened = await this.sealer.open(row);
      const version = (await this.audit.lastSuccessDetails(row.tableId, row.situationId, 'identity.write'))?.version;
      if (typeof version !== 'number' || (row.format === FORMAT_V2 && row.rowVersion === version)) return { row, opened };
      // A write may have committed between reading the row and reading its audit entry: read once more.
      const fresh = attempt === 0 ? await this.repo.find(this.db, row.situationId, row.tableId) : null;
      if (fresh?.purgedAt) throw new DomainError(ErrorCode.GONE);
      if (!fresh) throw new IdentityIntegrityError('rollback');
      row = fresh;
    }
  }

  private async integrityFailure(
    err: IdentityIntegrityError,
    actor: Actor,
    tableId: string,
    situationId: string,
    action: string,
    purpose: string | null,
    details: Record<string, unknown> = {},
  ): Promise<void> {
    this.logger.warn({ action, situationId, check: err.check }, 'identity integrity failure');
    await this.audit.recordDenied(actor, { action, tableId, situationId, purpose, details: { reason: ErrorCode.IDENTITY_INTEGRITY_FAILURE, check: err.check, ...details } });
  }

  private unavailable(err: unknown, action: string): unknown {
    if (!(err instanceof KeyUnavailableError)) return err;
    this.logger.error({ action, err: err.name }, 'identity key unavailable');
    return new DomainError(ErrorCode.SERVICE_UNAVAILABLE, {}, { reason: 'identity key unavailable' });
  }

  /**
   * Refusals are audited in their own transaction. A failure to write the audit entry of a read
   * answers 503: no identity leaves without its entry.
   */
  private async refused(
    err: unknown,
    actor: Actor,
    tableId: string,
    situationId: string,
    action: string,
    purpose: string | null,
    details: Record<string, unknown> = {},
  ): Promise<never> {
    if (err instanceof IdentityIntegrityError) {
      await this.integrityFailure(err, actor, tableId, situationId, action, purpose, details);
      throw new DomainError(ErrorCode.IDENTITY_INTEGRITY_FAILURE);
    }
    err = this.unavailable(err, action);
    if (err instanceof DomainError) {
      if ([ErrorCode.FORBIDDEN, ErrorCode.GONE, ErrorCode.INVALID_TRANSITION].includes(err.code)) {
        await this.audit.recordDenied(actor, { action, tableId, situationId, purpose, details: { reason: err.code, ...details } });
      }
      throw err;
    }
    this.logger.error({ action, err: (err as Error)?.name }, 'identity vault operation failed');
    throw new DomainError(ErrorCode.SERVICE_UNAVAILABLE);
  }
}

/** The identifying values, as the de-identification check compares later free text with them. */
function knownValuesOf(values: Partial<Record<(typeof IDENTITY_FIELDS)[number], string | null>>): { kind: PiiKind; value: string }[] {
  return IDENTITY_FIELDS.flatMap((f) => (values[f] ? [{ kind: KNOWN_KIND[f], value: values[f] as string }] : []));
}

/** The audit entry's purpose: the code, and the checked note after it (`HOME_VISIT: joint visit with housing`). */
function purposeText(p: ReadPurpose): string {
  return p.note ? `${p.code}: ${p.note}` : p.code;
}

function viewOf(row: VaultRow, o: OpenedRow): IdentityView {
  return {
    situationId: row.situationId,
    givenName: o.values.givenName ?? '',
    familyName: o.values.familyName ?? '',
    dateOfBirth: o.values.dateOfBirth ?? null,
    address: o.values.address ?? null,
    phone: o.values.phone ?? null,
    legalAuthority: row.legalAuthority,
    writtenAt: row.writtenAt.toISOString(),
    writtenByAgencyId: row.writtenByAgency ?? '',
  };
}
