import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Actor } from '../../common/authz/principal';
import type { TableRole } from '../../common/authz/roles';
import { Clock } from '../../common/clock/clock';
import { DomainError } from '../../common/errors/domain-error';
import { ErrorCode } from '../../common/errors/error-codes';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { AuditService } from '../audit/audit.service';
import { DeidentificationService } from '../deidentification/deidentification.service';
import type { PiiKind } from '../deidentification/pii-detector';
import { precheck } from '../situations/domain/write-rules';
import { refusalError } from '../situations/situation.types';
import { Binding, decryptField, encryptField, MasterKey, newDataKey, toMasterKey, unwrapKey, wrapKey } from './envelope-crypto';
import { IDENTITY_FIELDS, IdentityView, ReadPurpose, WriteIdentityDto } from './identity.dto';
import { IdentityVaultRepository, VaultRow } from './identity-vault.repository';

const KNOWN_KIND: Record<(typeof IDENTITY_FIELDS)[number], PiiKind> = {
  givenName: 'NAME', familyName: 'NAME', dateOfBirth: 'DOB', address: 'ADDRESS', phone: 'PHONE',
};

/**
 * The privacy boundary: the only service that handles identifying data (domain.md, Filter 3).
 * `store` and `reveal` decide standing themselves; every read, granted or refused, is audited, and
 * a granted read is committed to the audit trail before the identity leaves (fail closed).
 */
@Injectable()
export class IdentityVaultService {
  private readonly logger = new Logger('IdentityVault');
  private readonly current: MasterKey;
  private readonly keys: Map<string, MasterKey>;

  constructor(
    private readonly repo: IdentityVaultRepository,
    private readonly audit: AuditService,
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly deid: DeidentificationService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.current = toMasterKey(config.secrets.identityMasterKey);
    this.keys = new Map([this.current, ...config.previousMasterKeys.map(toMasterKey)].map((k) => [k.id, k]));
  }

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
        const binding: Binding = { tableId, situationId };
        const dataKey = newDataKey();
        const ciphertexts: Record<string, string> = {};
        for (const field of IDENTITY_FIELDS) {
          const value = dto[field]?.trim();
          if (value) ciphertexts[field] = encryptField(dataKey, binding, field, value);
        }
        await this.repo.upsert(m, {
          situationId, tableId, wrappedKey: wrapKey(this.current, dataKey, binding), masterKeyId: this.current.id, ciphertexts,
          legalAuthority: dto.legalAuthority, writtenBy: actor.userId, writtenByAgency: actor.agencyId, writtenAt: now,
        });
        dataKey.fill(0);
        await this.audit.record(m, actor, {
          action: 'identity.write', tableId, situationId,
          details: { fields: Object.keys(ciphertexts).sort(), legalAuthority: dto.legalAuthority },
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
      opened = this.open(row);
      fields = Object.keys(row.ciphertexts ?? {}).sort();
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
        action: 'identity.read', tableId, situationId, purpose: purposeText(purpose),
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
    return knownValuesOf(this.open(row));
  }

  /** Destroys the data keys and ciphertexts of every situation past its purge date, in batches. */
  async purgeDue(batch = 200): Promise<number> {
    let total = 0;
    for (;;) {
      const now = this.clock.now();
      const purged = await this.db.transaction(async (m) => {
        const rows = await this.repo.purgeDue(m, now, batch);
        for (const r of rows) {
          await this.audit.record(m, { userId: null, agencyId: null, requestId: null }, {
            action: 'identity.purge', tableId: r.tableId, situationId: r.situationId, details: { hadIdentity: r.hadIdentity },
          });
        }
        return rows.length;
      });
      total += purged;
      if (purged < batch) break;
    }
    if (total > 0) this.logger.log({ purged: total }, 'identity purge');
    return total;
  }

  /** Re-wraps every data key under the current master key (after IDENTITY_MASTER_KEY changes). */
  async rotateMasterKey(batch = 200): Promise<number> {
    let total = 0;
    for (;;) {
      const done = await this.db.transaction(async (m) => {
        const rows = await this.repo.wrappedByOther(m, this.current.id, batch);
        for (const row of rows) {
          const binding = { tableId: row.tableId, situationId: row.situationId };
          const dataKey = unwrapKey(this.keyFor(row), row.wrappedKey!, binding);
          await this.repo.rewrap(m, row.situationId, wrapKey(this.current, dataKey, binding), this.current.id);
          dataKey.fill(0);
        }
        if (rows.length) {
          await this.audit.record(m, { userId: null, agencyId: null, requestId: null }, { action: 'identity.rekey', details: { count: rows.length, masterKeyId: this.current.id } });
        }
        return rows.length;
      });
      total += done;
      if (done < batch) break;
    }
    return total;
  }

  private keyFor(row: VaultRow): MasterKey {
    const key = row.masterKeyId ? this.keys.get(row.masterKeyId) : undefined;
    if (!key) throw new DomainError(ErrorCode.SERVICE_UNAVAILABLE, {}, { reason: 'master key not configured' });
    return key;
  }

  private open(row: VaultRow): IdentityView {
    const binding = { tableId: row.tableId, situationId: row.situationId };
    const dataKey = unwrapKey(this.keyFor(row), row.wrappedKey!, binding);
    const c = row.ciphertexts ?? {};
    const field = (name: string): string | null => (c[name] ? decryptField(dataKey, binding, name, c[name]) : null);
    const view: IdentityView = {
      situationId: row.situationId,
      givenName: field('givenName') ?? '',
      familyName: field('familyName') ?? '',
      dateOfBirth: field('dateOfBirth'),
      address: field('address'),
      phone: field('phone'),
      legalAuthority: row.legalAuthority,
      writtenAt: row.writtenAt.toISOString(),
      writtenByAgencyId: row.writtenByAgency ?? '',
    };
    dataKey.fill(0);
    return view;
  }

  /**
   * Refusals are audited in their own transaction. A failure to write the audit entry of a read
   * answers 503: no identity leaves without its entry.
   */
  private async refused(err: unknown, actor: Actor, tableId: string, situationId: string, action: string, purpose: string | null, details: Record<string, unknown> = {}): Promise<never> {
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

function knownValuesOf(view: IdentityView): { kind: PiiKind; value: string }[] {
  return IDENTITY_FIELDS.flatMap((f) => (view[f] ? [{ kind: KNOWN_KIND[f], value: view[f] as string }] : []));
}

/** The audit entry's purpose: the code, and the checked note after it (`HOME_VISIT: joint visit with housing`). */
function purposeText(p: ReadPurpose): string {
  return p.note ? `${p.code}: ${p.note}` : p.code;
}
