import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Actor } from '../../common/authz/principal';
import type { TableRole } from '../../common/authz/roles';
import { Clock } from '../../common/clock/clock';
import { DomainError } from '../../common/errors/domain-error';
import { ErrorCode } from '../../common/errors/error-codes';
import { AuditService } from '../audit/audit.service';
import { DeidentificationService } from '../deidentification/deidentification.service';
import { DisclosureService } from '../disclosures/disclosure.service';
import type { ConsentDto } from '../disclosures/disclosure.dto';
import type { PiiKind } from '../deidentification/pii-detector';
import { precheck } from '../situations/domain/write-rules';
import { refusalError } from '../situations/situation.types';
import { BlindIndexer } from './blind-indexer';
import { EquityRepository } from './equity.repository';
import { EquityService } from './equity.service';
import { EquitySnapshotService, FrozenYear } from './equity-snapshots';
import { EQUITY_REPORT_LABELS, reportedCategories } from './equity';
import { EQUITY_REFERENCE } from './equity-reference';
import type { Language } from '../../common/http/language';

/** The equity questions as the reports count them (the reports module's EquityVocabulary). */
export interface EquityReportVocabulary {
  questions: { code: string; label: string; categories: { code: string; label: string }[] }[];
  stageLabel(stage: string): string;
}
import { FORMAT_V2 } from './envelope-crypto';
import { IdentityView, ReadPurpose } from './identity.dto';
import { IdentityIntegrityError, IdentitySealer, OpenedRow } from './identity-sealer';
import { IdentityVaultMaintenance, ReindexReport, RotationProgress, RotationReport } from './identity-vault-maintenance';
import { IdentityVaultRepository, VaultRow } from './identity-vault.repository';
import { openEpoch } from './kek-policy';
import { KeyUnavailableError } from './kek-store';
import { SubjectView, subjectViewOf } from './subject.dto';
import {
  kindForSituationType,
  knownValuesOf,
  PERSON_FIELDS,
  primaryPerson,
  sealedValuesOf,
  Subject,
  SubjectFormatError,
  subjectOf,
  subjectProblems,
  subjectSummary,
} from './subject';

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
    private readonly blindIndex: BlindIndexer,
    private readonly disclosures: DisclosureService,
    private readonly equity: EquityService,
    private readonly equityRows: EquityRepository,
    private readonly equitySnapshots: EquitySnapshotService,
  ) {}

  /**
   * PUT subject, and PUT identity (a PERSONS subject of one PRIMARY person): representatives
   * (AGENCY_REP) of the originating or lead agency, once assigned. One code for both routes:
   * role and standing, then state (the route's guard asked the same), then the subject's own
   * rules (exactly one PRIMARY: 400) and its kind against the situation type (422).
   */
  async store(actor: Actor, tableId: string, situationId: string, input: SubjectInput, roles: readonly TableRole[]): Promise<void> {
    const now = this.clock.now();
    await this.db
      .transaction(async (m) => {
        const s = await this.repo.situationFor(m, situationId, tableId, true);
        if (!s) throw DomainError.notFound('situation');
        // Role and standing, then state (situations/domain/write-rules.ts; the route's guard asked the same).
        const refusal = precheck('WRITE_IDENTITY', { roles, agencyId: actor.agencyId }, s);
        if (refusal) throw refusalError(refusal);
        const problems = subjectProblems(input.subject);
        if (problems.length) throw DomainError.validation(problems);
        const expected = kindForSituationType(s.situationType);
        if (expected && expected !== input.subject.kind) {
          throw new DomainError(ErrorCode.SUBJECT_KIND_MISMATCH, { situationType: s.situationType, kind: expected }, { situationType: s.situationType, expectedKind: expected });
        }
        // The disclosure's authority (in force, open to the writer's sector) and its consent (disclosures module), 422/400.
        const standing = [s.originatingAgencyId, s.leadAgencyId, ...(s.assistingAgencyIds ?? [])].filter((a): a is string => !!a);
        const disclosure = await this.disclosures.prepare(m, {
          agencyId: actor.agencyId,
          legalAuthority: input.legalAuthority,
          consent: input.consent,
          situationAgencyIds: standing,
          now,
        });
        // Sealed under the KEK of this month; the purge job moves it to its purge month's KEK at closure.
        const version = (await this.repo.versionForUpdate(m, situationId)) + 1;
        const values = sealedValuesOf(input.subject);
        const meta = { legalAuthority: input.legalAuthority, writtenBy: actor.userId, writtenByAgency: actor.agencyId, writtenAt: now };
        // The equity answers (docs/evaluation.md, 6.5) are sealed under the row's data key: opened under the
        // old key, they are sealed again under the new one, in this transaction.
        const equity = await this.equityRows.find(m, situationId, tableId, true);
        const prior = equity?.ciphertext ? await this.repo.find(m, situationId, tableId) : null;
        let carried: string | null = null;
        if (prior && equity?.ciphertext) {
          try {
            carried = await this.sealer.openEquity(prior, equity.ciphertext, equity.keyVersion!);
          } catch (err) {
            if (!(err instanceof IdentityIntegrityError)) throw err;
            // The row this write replaces does not open: its answers cannot be carried to the new key. They are
            // dropped (the write that repairs the identity must not be refused for them), their counts stay.
            await this.equityRows.remove(m, situationId, tableId);
            await this.audit.record(m, actor, { action: 'equity.drop', tableId, situationId, details: { reason: ErrorCode.IDENTITY_INTEGRITY_FAILURE, check: err.check } });
          }
        }
        const sealed = await this.sealer.seal({ tableId, situationId, version, values, ...meta }, openEpoch(now), now, carried);
        await this.repo.upsert(m, { situationId, tableId, ...sealed, ...meta });
        if (sealed.equity) await this.equityRows.rekey(m, situationId, sealed.equity, version);
        // The blind index of access requests, replaced in the same transaction (tokens only: blind-index.ts).
        await this.blindIndex.index(m, tableId, situationId, input.subject);
        // I14: new or repeat referral, a marker only (counted by the reports, never shown)
        await this.blindIndex.markRepeats(m, tableId, situationId, input.subject);
        // One disclosure record per write: the authority, the agencies, the names of the fields (never a value).
        const fields = Object.keys(sealed.ciphertexts).sort();
        const disclosureId = await this.disclosures.record(m, disclosure, {
          tableId,
          situationId,
          identityVersion: version,
          fields,
          standingAgencyIds: standing,
          by: actor.userId!,
          at: now,
        });
        // The version in the audit trail is what a later read checks the row against (no rollback).
        // Field names, the kind and a count of persons: never a value.
        await this.audit.record(m, actor, {
          action: 'identity.write',
          tableId,
          situationId,
          details: { fields, legalAuthority: input.legalAuthority, version, disclosureId, ...subjectSummary(input.subject) },
        });
      })
      .catch((err) => this.refused(err, actor, tableId, situationId, 'identity.write', null));
  }

  /**
   * GET identity: the PRIMARY person of the subject (a place or a group: 409 SUBJECT_NOT_A_PERSON,
   * read `/subject`). Same rules as `revealSubject`.
   */
  reveal(actor: Actor, tableId: string, situationId: string, purpose: ReadPurpose, roles: readonly TableRole[]): Promise<IdentityView> {
    return this.revealWith(actor, tableId, situationId, purpose, roles, (subject, row) => {
      const p = primaryPerson(subject);
      if (!p) throw DomainError.conflict('SUBJECT_NOT_A_PERSON');
      return {
        view: {
          situationId: row.situationId,
          givenName: p.givenName,
          familyName: p.familyName,
          dateOfBirth: p.dateOfBirth ?? null,
          address: p.address ?? null,
          phone: p.phone ?? null,
          legalAuthority: row.legalAuthority,
          writtenAt: row.writtenAt.toISOString(),
          writtenByAgencyId: row.writtenByAgency ?? '',
        },
        fields: PERSON_FIELDS.filter((f) => p[f] !== undefined).sort(),
      };
    });
  }

  /** GET subject: the whole subject (every person, the place or the group), same rules as the identity. */
  revealSubject(actor: Actor, tableId: string, situationId: string, purpose: ReadPurpose, roles: readonly TableRole[]): Promise<SubjectView> {
    return this.revealWith(actor, tableId, situationId, purpose, roles, (subject, row, fields) => ({
      view: subjectViewOf(subject, {
        situationId: row.situationId,
        legalAuthority: row.legalAuthority,
        writtenAt: row.writtenAt.toISOString(),
        writtenByAgencyId: row.writtenByAgency ?? '',
      }),
      fields,
      summary: subjectSummary(subject),
    }));
  }

  /**
   * A read of the subject, whole or in part (`project`): representatives (AGENCY_REP) of the
   * originating, lead or assisting agencies, from ASSIGNED until purge, with a stated purpose (a
   * code and a note). Order (api.md): role and standing, purge, state, then the purpose's note,
   * checked like any later free text against generic identifying information and every value of
   * this situation's subject; a refused note stores nothing.
   */
  private async revealWith<T>(
    actor: Actor,
    tableId: string,
    situationId: string,
    purpose: ReadPurpose,
    roles: readonly TableRole[],
    project: (subject: Subject, row: VaultRow, fields: string[]) => { view: T; fields: string[]; summary?: Record<string, unknown> },
  ): Promise<T> {
    let subject: Subject;
    let read: { view: T; fields: string[]; summary?: Record<string, unknown> };
    try {
      const s = await this.repo.situationFor(this.db, situationId, tableId);
      if (!s) throw DomainError.notFound('situation');
      const refusal = precheck('READ_IDENTITY', { roles, agencyId: actor.agencyId }, s);
      if (refusal) throw refusalError(refusal);
      const row = await this.repo.find(this.db, situationId, tableId);
      if (!row) throw DomainError.notFound('identity');
      if (row.purgedAt) throw new DomainError(ErrorCode.GONE);
      const checked = await this.openChecked(row);
      subject = subjectFromOpened(checked.opened);
      read = project(subject, checked.row, checked.opened.fields);
    } catch (err) {
      return this.refused(err, actor, tableId, situationId, 'identity.read', purpose.code, { purposeCode: purpose.code });
    }
    // The note goes into the audit trail: nothing identifying, least of all this subject (422, audited without the text).
    if (purpose.note) {
      await this.deid.check({ purpose: purpose.note }, { actor, tableId, situationId, action: 'identity.read' }, knownValuesOf(subject));
    }
    // Fail closed: the identity leaves only once its audit entry is committed.
    try {
      await this.audit.recordAlone(actor, {
        action: 'identity.read',
        tableId,
        situationId,
        purpose: purposeText(purpose),
        details: { fields: read.fields, purposeCode: purpose.code, ...(purpose.note ? { purposeNote: purpose.note } : {}), ...(read.summary ?? {}) },
      });
    } catch {
      throw new DomainError(ErrorCode.SERVICE_UNAVAILABLE);
    }
    // The reader's agency has now received the identity: a receiving agency of the latest disclosure.
    await this.disclosures.noteReader(situationId, actor.agencyId);
    return read.view;
  }

  /**
   * After a situation's transition, in its transaction: its equity answers are counted at the stages
   * the situation is now at (docs/evaluation.md, 6.5; EquityService.restage).
   */
  restageEquity(m: EntityManager, tableId: string, situationId: string): Promise<void> {
    return this.equity.restage(m, tableId, situationId);
  }

  /**
   * A year's frozen equity counts at some tables sharing a time zone (docs/evaluation.md 6.6, R9):
   * counts only, never an answer; none before the year's last quarter is frozen (EquitySnapshotService).
   */
  equityYear(tableIds: readonly string[], year: number, timeZone: string): Promise<FrozenYear> {
    return this.equitySnapshots.year(tableIds, year, timeZone);
  }

  /** The equity questions as the reports count them: short names, the categories that are answers, the stages' words. */
  equityVocabulary(lang: Language): EquityReportVocabulary {
    return {
      questions: EQUITY_REFERENCE.questions.map((q) => ({ code: q.code, label: EQUITY_REPORT_LABELS[q.code][lang], categories: reportedCategories(q.code, lang) })),
      stageLabel: (stage) => EQUITY_REPORT_LABELS[stage]?.[lang] ?? stage,
    };
  }

  /** The daily job: every table's ended quarters frozen once their lag has passed; how many it froze. */
  freezeEquityDue(): Promise<number> {
    return this.equitySnapshots.freezeAllDue();
  }

  /**
   * The identifying values of a situation's subject, for the de-identification check of later free
   * text (updates, lead answer notes, closure notes, reopening rationales). Never leaves the server.
   */
  async knownIdentifiers(situationId: string, tableId: string): Promise<{ kind: PiiKind; value: string }[]> {
    const row = await this.repo.find(this.db, situationId, tableId);
    if (!row || row.purgedAt) return [];
    let subject: Subject;
    try {
      subject = subjectFromOpened((await this.openChecked(row)).opened);
    } catch (err) {
      if (!(err instanceof IdentityIntegrityError)) throw this.unavailable(err, 'identity.check');
      // A corrupt row must not take the update or closure route down with it: the generic detector
      // still runs; the failure is audited and flagged for the privacy officer.
      await this.integrityFailure(err, { userId: null, agencyId: null, requestId: null }, tableId, situationId, 'identity.check', null);
      return [];
    }
    // Every person, the place's address, the group's contact (subject.ts knownValuesOf).
    return knownValuesOf(subject);
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
   * `identity:reindex [--new-key]`: every live row's persons indexed again (the backfill of rows
   * written before the index existed), with `newKey` under a new blind index key, the others then
   * destroyed. Unreadable rows are reported, not fatal (and then no key is destroyed).
   */
  reindex(opts: { newKey?: boolean; batch?: number; onProgress?: (p: RotationProgress) => void } = {}): Promise<ReindexReport> {
    return this.maintenance.reindex(opts);
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

/** The audit entry's purpose: the code, and the checked note after it (`HOME_VISIT: joint visit with housing`). */
function purposeText(p: ReadPurpose): string {
  return p.note ? `${p.code}: ${p.note}` : p.code;
}

/** The subject of an opened row; a row whose parts do not make one subject fails its format check. */
function subjectFromOpened(o: OpenedRow): Subject {
  try {
    return subjectOf(o.values);
  } catch (err) {
    if (err instanceof SubjectFormatError) throw new IdentityIntegrityError('format');
    throw err;
  }
}

/** A subject and the legal authority it is held under, as a write route hands it to the vault. */
export interface SubjectInput {
  subject: Subject;
  legalAuthority: string;
  /** the person's consent (required by an authority that requires consent) */
  consent?: ConsentDto;
}
