import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../../common/authz/principal';
import type { TableRole } from '../../common/authz/roles';
import { Clock } from '../../common/clock/clock';
import { DomainError } from '../../common/errors/domain-error';
import { ErrorCode } from '../../common/errors/error-codes';
import type { Language } from '../../common/http/language';
import { AuditService } from '../audit/audit.service';
import { DeidentificationService } from '../deidentification/deidentification.service';
import { precheck } from '../situations/domain/write-rules';
import { refusalError } from '../situations/situation.types';
import { TableService } from '../tables/table.service';
import { TAXONOMY } from '../taxonomy/taxonomy.constants';
import { cellsOf, EquityAnswers, EquityInput, equityPlaintext, equityProblems, EquityStage, questionsAnswered, stagesOf, tallyChanges, TallyCell } from './equity';
import { EQUITY_REFERENCE, EQUITY_VERSIONS, EquityReference, noticeText } from './equity-reference';
import type { EquityAnswersView, EquityFormView, EquityRecordView } from './equity.dto';
import { EquityRepository, EquityRow } from './equity.repository';
import type { ReadPurpose } from './identity.dto';
import { IdentityIntegrityError, IdentitySealer } from './identity-sealer';
import { IdentityVaultRepository, SituationStandingRow, VaultRow } from './identity-vault.repository';
import { KeyUnavailableError } from './kek-store';
import { knownValuesOf, subjectOf } from './subject';

const SYSTEM = { userId: null, agencyId: null, requestId: null };

/** The equity routes' steps: the form, a record or correction, a withdrawal, a read-back. */
export type EquityStep = 'form' | 'write' | 'withdraw' | 'read';
export const EQUITY_AUDIT: Record<EquityStep, string> = { form: 'equity.form', write: 'equity.write', withdraw: 'equity.withdraw', read: 'identity.read' };

/**
 * The voluntary equity data (docs/evaluation.md, section 6): the answers of a situation's PRIMARY
 * person, sealed under the situation's own data key (the identity's), read back only by the
 * recording agency while the situation is open, purged with the identity, and counted in
 * `equity_tallies` in the same transaction as every change that moves them.
 */
@Injectable()
export class EquityService {
  private readonly logger = new Logger('Equity');

  constructor(
    private readonly repo: EquityRepository,
    private readonly vault: IdentityVaultRepository,
    private readonly sealer: IdentitySealer,
    private readonly audit: AuditService,
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly tables: TableService,
    private readonly deid: DeidentificationService,
  ) {}

  /**
   * The refusal of a step, in the contract's order (the route's guard and the service ask the same):
   * 404 the situation; 403 role and standing (a representative of the originating or lead agency);
   * 409 state (ASSIGNED or MOBILIZED; once answers are recorded, their form, correction and
   * withdrawal in any state while the identity is live), a subject that is not persons, a subject not written, the
   * notice's contact not set (a record); then 404 nothing recorded (a read or a withdrawal) and 403
   * for a read by another agency than the recording one.
   */
  async refusal(
    m: EntityManager | DataSource,
    step: EquityStep,
    caller: { roles: readonly TableRole[]; agencyId: string | null },
    tableId: string,
    situationId: string,
    lock = false,
  ): Promise<DomainError | null> {
    const s = await this.vault.situationFor(m, situationId, tableId, lock);
    if (!s) return DomainError.notFound('situation');
    const r = precheck('WRITE_IDENTITY', caller, s);
    if (r && r.kind !== 'state') return refusalError(r);
    if (s.situationType !== 'PERSON' && s.situationType !== 'FAMILY') return DomainError.conflict('SUBJECT_NOT_A_PERSON');
    const identity = await this.vault.find(m, situationId, tableId);
    if (!identity || identity.purgedAt) return r ? refusalError(r) : DomainError.conflict('SUBJECT_NOT_WRITTEN');
    // the record, read once: what a read-back or a withdrawal needs, and what lets a closed situation's answers change
    const row = r || step === 'read' || step === 'withdraw' ? await this.repo.find(m, situationId, tableId) : null;
    // 6.4: answers are collected while ASSIGNED or MOBILIZED; once recorded, the person may change or
    // withdraw them while the identity is live (after closure too, until the purge). A read-back stays open-only.
    if (r && (step === 'read' || !row)) return refusalError(r);
    if (step === 'write') {
      const policy = await this.tables.policyOf(m, tableId);
      if (!policy?.equityContactTitle || !policy.equityContactEmail) return DomainError.conflict('EQUITY_CONTACT_NOT_SET');
    }
    if (step === 'read' || step === 'withdraw') {
      if (!row) return DomainError.notFound('equity');
      if (step === 'read' && row.recordedByAgency !== caller.agencyId) return DomainError.forbidden('recording agency only');
    }
    return null;
  }

  /** The questions and the notice (its contact and retention filled), with whether answers are recorded: never the answers. */
  async form(actor: Actor, roles: readonly TableRole[], tableId: string, situationId: string, lang: Language): Promise<EquityFormView> {
    const refused = await this.refusal(this.db, 'form', { roles, agencyId: actor.agencyId }, tableId, situationId);
    if (refused) return this.refused(refused, actor, tableId, situationId, 'form');
    const policy = (await this.tables.policyOf(this.db, tableId))!;
    const row = await this.repo.find(this.db, situationId, tableId);
    const ref = EQUITY_REFERENCE;
    const contactSet = !!policy.equityContactTitle && !!policy.equityContactEmail;
    // every read is audited: whether answers are recorded, nothing of them
    await this.audit.recordAlone(actor, { action: 'equity.form', tableId, situationId, details: { recorded: row !== null, version: ref.version } });
    return {
      version: ref.version,
      language: lang,
      notice: {
        title: ref.notice.title[lang],
        text: noticeText(ref, lang, {
          retentionDays: policy.identityRetentionDays,
          contactTitle: policy.equityContactTitle ?? '…',
          contactEmail: policy.equityContactEmail ?? '…',
        }),
        contactSet,
      },
      questions: ref.questions.map((q) => ({
        code: q.code,
        multiple: q.multiple,
        label: q.label[lang],
        alone: q.alone,
        options: q.options.map((o) => ({ code: o.code, label: o.label[lang] })),
      })),
      notAskedReasons: ref.notAskedReasons.map((o) => ({ code: o.code, label: o.label[lang] })),
      answeredBy: ref.answeredBy.map((o) => ({ code: o.code, label: o.label[lang] })),
      record: row ? this.recordView(row, actor) : null,
    };
  }

  /** Records the answers, or that the questions were not asked and why; replaces a record (a correction). */
  async write(actor: Actor, roles: readonly TableRole[], tableId: string, situationId: string, noticeVersion: string, input: EquityInput): Promise<EquityRecordView> {
    const now = this.clock.now();
    const timeZone = await this.tables.timeZoneOf(tableId);
    const row = await this.db
      .transaction(async (m) => {
        const refused = await this.refusal(m, 'write', { roles, agencyId: actor.agencyId }, tableId, situationId, true);
        if (refused) throw refused;
        // the notice the person heard must be the one in force (its version is kept with the answers)
        if (noticeVersion !== EQUITY_REFERENCE.version) throw DomainError.conflict('EQUITY_NOTICE_OUTDATED');
        const problems = equityProblems(input);
        if (problems.length) throw DomainError.validation(problems);
        // The identity row locked: an identity write (which seals the answers again) waits for this one.
        await this.vault.versionForUpdate(m, situationId);
        const identity = (await this.vault.find(m, situationId, tableId))!;
        const before = await this.repo.find(m, situationId, tableId, true);
        const beforeCells = before ? await this.cellsOfRow(before, identity) : [];
        const facts = (await this.repo.stageFacts(m, situationId, tableId))!;
        const stages = stagesOf({ status: facts.status, leadSector: facts.leadSector, conclusionGroup: conclusionGroupOf(facts.conclusion) });
        const answers = input.asked === 'ASKED' ? normalized(input.answers) : {};
        const sealed = input.asked === 'ASKED' ? await this.sealer.sealEquity(identity, equityPlaintext(answers)) : null;
        const stored: EquityRow = {
          situationId,
          tableId,
          noticeVersion,
          asked: input.asked === 'ASKED',
          notAskedReason: input.asked === 'NOT_ASKED' ? input.notAskedReason : null,
          answeredBy: input.asked === 'ASKED' ? input.answeredBy : null,
          ciphertext: sealed?.ciphertext ?? null,
          keyVersion: sealed?.keyVersion ?? null,
          referralMonth: before?.referralMonth ?? localMonth(facts.createdAt, timeZone),
          talliedStages: stages,
          recordedBy: actor.userId,
          recordedByAgency: actor.agencyId!,
          recordedAt: now,
        };
        await this.repo.upsert(m, stored);
        const after = cellsOf(input.asked, answers);
        await this.repo.applyTallies(m, tableId, stored.referralMonth, tallyChanges({ cells: beforeCells, stages: before?.talliedStages ?? [] }, { cells: after, stages }));
        // Which questions were answered, never the answers.
        await this.audit.record(m, actor, {
          action: 'equity.write',
          tableId,
          situationId,
          details: {
            // who answered and why the questions were not asked say something of the person: they stay in the sealed record's row only
            asked: input.asked,
            ...(input.asked === 'ASKED' ? { questionsAnswered: questionsAnswered(answers) } : {}),
            noticeVersion,
            correction: before !== null,
          },
        });
        return stored;
      })
      .catch((err) => this.refused(err, actor, tableId, situationId, 'write'));
    return this.recordView(row, actor);
  }

  /** The person withdraws their answers: the record is deleted and the tallies adjusted (a frozen snapshot stays as it is). */
  async withdraw(actor: Actor, roles: readonly TableRole[], tableId: string, situationId: string): Promise<void> {
    await this.db
      .transaction(async (m) => {
        const refused = await this.refusal(m, 'withdraw', { roles, agencyId: actor.agencyId }, tableId, situationId, true);
        if (refused) throw refused;
        await this.vault.versionForUpdate(m, situationId);
        const identity = (await this.vault.find(m, situationId, tableId))!;
        const before = (await this.repo.find(m, situationId, tableId, true))!;
        let cells: TallyCell[] | null;
        try {
          cells = await this.cellsOfRow(before, identity);
        } catch (err) {
          // Answers that no longer open are still withdrawn: the person's choice does not wait for a repair.
          // What they were cannot be known, so their counts stay in the tallies (said in the audit entry).
          if (!(err instanceof IdentityIntegrityError)) throw err;
          // no situation id in the log: it would say that this situation's person answered the questions (the audit entry says so, to who may read it)
          this.logger.warn({ check: err.check }, 'equity answers withdrawn unopened');
          await this.repo.remove(m, situationId, tableId);
          await this.audit.record(m, actor, {
            action: 'equity.withdraw',
            tableId,
            situationId,
            details: { asked: 'ASKED', talliesAdjusted: false, reason: ErrorCode.IDENTITY_INTEGRITY_FAILURE, check: err.check },
          });
          cells = null;
        }
        if (cells === null) return;
        await this.repo.remove(m, situationId, tableId);
        await this.repo.applyTallies(m, tableId, before.referralMonth, tallyChanges({ cells, stages: before.talliedStages }, { cells: [], stages: [] }));
        await this.audit.record(m, actor, {
          action: 'equity.withdraw',
          tableId,
          situationId,
          details: {
            asked: before.asked ? 'ASKED' : 'NOT_ASKED',
            questionsWithdrawn: before.asked
              ? cells
                  .filter((c) => c.category !== 'NOT_ANSWERED')
                  .map((c) => c.question)
                  .sort()
              : [],
          },
        });
      })
      .catch((err) => this.refused(err, actor, tableId, situationId, 'withdraw'));
  }

  /**
   * A read-back of the answers: a representative of the recording agency, while the situation is
   * open, with a stated purpose; audited as an identity read (`identity.read`, field `equity`), the
   * entry committed before the answers leave.
   */
  async read(actor: Actor, roles: readonly TableRole[], tableId: string, situationId: string, purpose: ReadPurpose): Promise<EquityAnswersView> {
    let view: EquityAnswersView;
    let known: ReturnType<typeof knownValuesOf> = [];
    let answered: string[] = [];
    try {
      // one transaction, the identity row locked first: an identity write (which seals the answers again
      // under a new key) cannot land between the two reads and look like a tampered row
      ({ view, known, answered } = await this.db.transaction(async (m) => {
        const refused = await this.refusal(m, 'read', { roles, agencyId: actor.agencyId }, tableId, situationId);
        if (refused) throw refused;
        await this.vault.versionForUpdate(m, situationId);
        const row = (await this.repo.find(m, situationId, tableId))!;
        const identity = (await this.vault.find(m, situationId, tableId))!;
        const answers = row.asked ? await this.answersOf(row, identity) : {};
        return {
          answered: questionsAnswered(answers),
          known: purpose.note ? knownValuesOf(subjectOf((await this.sealer.open(identity)).values)) : [],
          view: {
            ...this.recordView(row, actor),
            asked: row.asked ? ('ASKED' as const) : ('NOT_ASKED' as const),
            notAskedReason: row.notAskedReason,
            answeredBy: row.answeredBy,
            answers,
          },
        };
      }));
    } catch (err) {
      return this.refused(err, actor, tableId, situationId, 'read', purpose.code);
    }
    if (purpose.note) await this.deid.check({ purpose: purpose.note }, { actor, tableId, situationId, action: 'identity.read' }, known);
    try {
      await this.audit.recordAlone(actor, {
        action: 'identity.read',
        tableId,
        situationId,
        purpose: purpose.note ? `${purpose.code}: ${purpose.note}` : purpose.code,
        details: { fields: ['equity'], questionsAnswered: answered, purposeCode: purpose.code, ...(purpose.note ? { purposeNote: purpose.note } : {}) },
      });
    } catch {
      throw new DomainError(ErrorCode.SERVICE_UNAVAILABLE);
    }
    return view;
  }

  /**
   * After a transition (assignment, a lead's decline, closure, reopening, ...), in its transaction:
   * the stages a recorded answer is counted at follow the situation (6.5). Nothing recorded, or the
   * same stages: nothing to do (one indexed read). A record that does not open is audited and left
   * as it was counted: the transition is not refused for it.
   */
  async restage(m: EntityManager, tableId: string, situationId: string): Promise<void> {
    const row = await this.repo.find(m, situationId, tableId, true);
    if (!row) return;
    const facts = (await this.repo.stageFacts(m, situationId, tableId))!;
    const stages = stagesOf({ status: facts.status, leadSector: facts.leadSector, conclusionGroup: conclusionGroupOf(facts.conclusion) });
    if (sameStages(stages, row.talliedStages)) return;
    const identity = await this.vault.find(m, situationId, tableId);
    if (!identity || identity.purgedAt) return;
    let cells: TallyCell[];
    try {
      cells = await this.cellsOfRow(row, identity);
    } catch (err) {
      if (!(err instanceof IdentityIntegrityError) && !(err instanceof KeyUnavailableError)) throw err;
      this.logger.warn({ situationId, err: err.name }, 'equity answers not restaged');
      await this.audit.record(m, SYSTEM, {
        action: 'equity.tally',
        outcome: 'DENIED',
        tableId,
        situationId,
        details: { reason: err instanceof IdentityIntegrityError ? ErrorCode.IDENTITY_INTEGRITY_FAILURE : ErrorCode.SERVICE_UNAVAILABLE },
      });
      return;
    }
    await this.repo.applyTallies(m, tableId, row.referralMonth, tallyChanges({ cells, stages: row.talliedStages }, { cells, stages }));
    await this.repo.setStages(m, situationId, stages);
  }

  /** The cells a stored record counts in (its answers opened under the identity's key when asked). */
  private async cellsOfRow(row: EquityRow, identity: VaultRow): Promise<TallyCell[]> {
    const ref = referenceOf(row.noticeVersion);
    return cellsOf(row.asked ? 'ASKED' : 'NOT_ASKED', row.asked ? await this.answersOf(row, identity) : {}, ref);
  }

  private async answersOf(row: EquityRow, identity: VaultRow): Promise<EquityAnswers> {
    const plain = await this.sealer.openEquity(identity, row.ciphertext!, row.keyVersion!);
    try {
      return JSON.parse(plain) as EquityAnswers;
    } catch {
      throw new IdentityIntegrityError('format');
    }
  }

  private recordView(row: EquityRow, actor: Actor): EquityRecordView {
    return {
      noticeVersion: row.noticeVersion,
      recordedAt: row.recordedAt.toISOString(),
      recordedByAgencyId: row.recordedByAgency,
      recordedByMyAgency: row.recordedByAgency === actor.agencyId,
    };
  }

  private async refused(err: unknown, actor: Actor, tableId: string, situationId: string, step: EquityStep, purposeCode?: string): Promise<never> {
    const action = EQUITY_AUDIT[step];
    const extra = step === 'read' ? { fields: ['equity'], ...(purposeCode ? { purposeCode } : {}) } : {};
    if (err instanceof IdentityIntegrityError) {
      this.logger.warn({ action, situationId, check: err.check }, 'equity integrity failure');
      await this.audit.recordDenied(actor, { action, tableId, situationId, details: { reason: ErrorCode.IDENTITY_INTEGRITY_FAILURE, check: err.check, ...extra } });
      throw new DomainError(ErrorCode.IDENTITY_INTEGRITY_FAILURE);
    }
    if (err instanceof KeyUnavailableError) {
      this.logger.error({ action, err: err.name }, 'identity key unavailable');
      throw new DomainError(ErrorCode.SERVICE_UNAVAILABLE, {}, { reason: 'identity key unavailable' });
    }
    if (err instanceof DomainError) {
      if ([ErrorCode.FORBIDDEN, ErrorCode.GONE, ErrorCode.INVALID_TRANSITION].includes(err.code)) {
        await this.audit.recordDenied(actor, { action, tableId, situationId, details: { reason: err.code, ...extra } });
      }
      throw err;
    }
    this.logger.error({ action, err: (err as Error)?.name }, 'equity operation failed');
    throw new DomainError(ErrorCode.SERVICE_UNAVAILABLE);
  }
}

/** The standing row type, for the guard. */
export type { SituationStandingRow };

function referenceOf(version: string): EquityReference {
  const ref = EQUITY_VERSIONS.get(version);
  if (!ref) throw new IdentityIntegrityError('format');
  return ref;
}

/** Answers as stored: the questions answered only, each one's codes sorted. */
function normalized(a: EquityAnswers): EquityAnswers {
  return Object.fromEntries(
    Object.entries(a)
      .filter(([, v]) => v && v.length)
      .sort(([x], [y]) => (x < y ? -1 : 1))
      .map(([k, v]) => [k, [...v!].sort()]),
  );
}

const GROUP_OF = new Map(TAXONOMY.conclusions.map((c) => [c.code, c.group]));
function conclusionGroupOf(conclusion: string | null): string | null {
  return conclusion ? (GROUP_OF.get(conclusion) ?? 'OTHER') : null;
}

function sameStages(a: readonly EquityStage[], b: readonly EquityStage[]): boolean {
  return a.length === b.length && [...a].sort().join() === [...b].sort().join();
}

/** The local month (YYYY-MM) of an instant in an IANA time zone: the referral month the reports count it in. */
export function localMonth(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' }).formatToParts(at);
  return `${parts.find((p) => p.type === 'year')!.value}-${parts.find((p) => p.type === 'month')!.value}`;
}
