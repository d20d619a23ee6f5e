import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { SituationRepository } from './situation.repository';
import { MeetingAction, SituationActionsRepository } from './situation-actions.repository';
import { LEAD_ANSWER_HOURS } from './domain/lead-answer';
import { fromStatuses, STUB_STATUSES, type SituationStatus } from './domain/situation-state';
import { DORMANCY_STATUSES, ErasedCounts, idleDays, TRANSITION_TEXT_KEYS } from './domain/retention';
import { DORMANT_CONCLUSION } from '../taxonomy/taxonomy.constants';

const DAY_MS = 86_400_000;

/** A situation the dormancy job flagged or closed. */
export interface DormantSituation {
  id: string;
  tableId: string;
  reference: string;
  idleDays: number;
  /** closed: the status it was closed from */
  from?: SituationStatus;
}

/** A transition recorded at a meeting, as its minutes show it: one typed shape per action. */
export type MeetingTransition =
  | (TransitionAt & {
      action: 'DECIDE_AER' | 'DECIDE_NOT_AER' | 'DEFER';
      outcome: string;
      againstAdvice: boolean;
      /** the decision's rationale (de-identified text, checked at the decision); a deferral's: the information it asked for */
      rationale: string | null;
      /** the sectors its threshold counts that no attendee sat for (recorded at the decision) */
      sectorsAbsent: string[];
    })
  | (TransitionAt & { action: 'ASSIGN'; leadAgencyId: string; assistingAgencyIds: string[] })
  | (TransitionAt & { action: 'MOBILIZE' | 'MOBILIZE_AGENCY'; services: string[]; agencyId: string | null; role: 'LEAD' | 'ASSISTING' })
  | (TransitionAt & { action: 'CLOSE'; conclusion: string; consentStatus: string });

interface TransitionAt {
  situationId: string;
  reference: string;
  at: Date;
}

export type { MeetingAction } from './situation-actions.repository';

/** What a situation had taken on it at a meeting: its kind, time and outcome code (no free text). */
export interface MeetingStep {
  situationId: string;
  kind: 'DECISION' | 'ASSIGNMENT' | 'LEAD_ANSWER' | 'MOBILIZATION' | 'CLOSURE' | 'REOPENING';
  /** DECISION: AER, NOT_AER or DEFERRED; LEAD_ANSWER: ACCEPTED or DECLINED; else null */
  outcome: string | null;
  /** DECISION: the sectors its threshold counts that were absent (recorded at the decision) */
  sectorsAbsent: string[];
  at: Date;
}

const STEP_KINDS: Record<string, { kind: MeetingStep['kind']; outcome: string | null }> = {
  DECIDE_AER: { kind: 'DECISION', outcome: 'AER' },
  DECIDE_NOT_AER: { kind: 'DECISION', outcome: 'NOT_AER' },
  DEFER: { kind: 'DECISION', outcome: 'DEFERRED' },
  ASSIGN: { kind: 'ASSIGNMENT', outcome: null },
  ACCEPT_LEAD: { kind: 'LEAD_ANSWER', outcome: 'ACCEPTED' },
  DECLINE_LEAD: { kind: 'LEAD_ANSWER', outcome: 'DECLINED' },
  MOBILIZE: { kind: 'MOBILIZATION', outcome: null },
  CLOSE: { kind: 'CLOSURE', outcome: null },
  REOPEN: { kind: 'REOPENING', outcome: null },
};

export interface MeetingUpdate {
  situationId: string;
  reference: string;
  updateId: string;
  authorAgencyId: string;
  note: string;
  at: Date;
}

export interface OverdueDeferral {
  id: string;
  tableId: string;
  reference: string;
  originatingAgencyId: string;
  deferredAt: Date;
}

export interface OverdueLeadAnswer {
  id: string;
  tableId: string;
  reference: string;
  leadAgencyId: string;
  leadAssignedAt: Date;
}

export interface OverdueSituation {
  id: string;
  tableId: string;
  reference: string;
  status: SituationStatus;
  leadAgencyId: string | null;
  decidedAt: Date | null;
  lastAssignedAt: Date | null;
}

/** A decision's sectors absent (issue 16), recorded in its details when any were. */
const absentOf = (d: Record<string, unknown>): string[] => (Array.isArray(d.sectorsAbsent) ? d.sectorsAbsent.map(String) : []);

/**
 * The typed reading of a transition's `details` (written by SituationService): the one place that
 * knows its keys. Transitions of other actions are not part of a meeting's minutes: null.
 */
export function meetingTransitionOf(t: {
  situationId: string;
  reference: string;
  action: string;
  at: Date;
  details: Record<string, unknown>;
  /** the situation's decision rationale: a situation is decided AER or NOT_AER once, so it is this decision's */
  decisionRationale?: string | null;
}): MeetingTransition | null {
  const base = { situationId: t.situationId, reference: t.reference, at: t.at };
  const d = t.details;
  switch (t.action) {
    case 'DECIDE_AER':
    case 'DECIDE_NOT_AER':
      return {
        ...base,
        action: t.action,
        outcome: String(d.outcome),
        againstAdvice: d.againstAdvice === true,
        rationale: (typeof d.rationale === 'string' ? d.rationale : null) ?? t.decisionRationale ?? null,
        sectorsAbsent: absentOf(d),
      };
    case 'DEFER':
      return {
        ...base,
        action: 'DEFER',
        outcome: 'DEFERRED',
        againstAdvice: false,
        rationale: typeof d.informationNeeded === 'string' ? d.informationNeeded : null,
        sectorsAbsent: absentOf(d),
      };
    case 'ASSIGN':
      return { ...base, action: 'ASSIGN', leadAgencyId: String(d.leadAgencyId), assistingAgencyIds: (d.assistingAgencyIds as string[] | undefined) ?? [] };
    case 'MOBILIZE':
    case 'MOBILIZE_AGENCY':
      // one per agency; a mobilisation from before issue 16 was the lead's (no agency in its details)
      return {
        ...base,
        action: t.action,
        services: (d.services as string[] | undefined) ?? [],
        agencyId: typeof d.agencyId === 'string' ? d.agencyId : null,
        role: d.role === 'ASSISTING' ? 'ASSISTING' : 'LEAD',
      };
    case 'CLOSE':
      return { ...base, action: 'CLOSE', conclusion: String(d.conclusion), consentStatus: String(d.consentStatus) };
    default:
      return null;
  }
}

/**
 * What other modules read or change of situations, in their transaction: a meeting's record, the
 * 48-hour clock's claim, the identity purge's marks. The situations tables stay this module's.
 * Provided by SituationRecordsModule, which needs no other feature module (the vault uses it, and
 * the situations module uses the vault).
 */
@Injectable()
export class SituationRecordsService {
  constructor(
    private readonly repo: SituationRepository,
    private readonly work: SituationActionsRepository,
  ) {}

  /** The transitions recorded at a meeting (decisions, assignments, mobilisations, closures), in order. */
  async meetingTransitions(m: EntityManager, meetingId: string): Promise<MeetingTransition[]> {
    return (await this.repo.meetingTransitions(m, meetingId)).map(meetingTransitionOf).filter((t): t is MeetingTransition => t !== null);
  }

  /** Every step recorded at a meeting, as kinds, outcome codes and times (its agenda items show them). */
  async meetingSteps(m: EntityManager, meetingId: string): Promise<MeetingStep[]> {
    return (await this.repo.meetingTransitions(m, meetingId)).flatMap((t) => {
      const k = STEP_KINDS[t.action];
      if (!k) return [];
      return [{ situationId: t.situationId, kind: k.kind, outcome: k.outcome, sectorsAbsent: absentOf(t.details), at: t.at }];
    });
  }

  meetingUpdates(m: EntityManager, meetingId: string): Promise<MeetingUpdate[]> {
    return this.repo.meetingUpdates(m, meetingId);
  }

  /** The actions agreed at a meeting (issue 16): reference, owner agency, description, due date and status now, in the order recorded. */
  meetingActions(m: EntityManager, meetingId: string): Promise<MeetingAction[]> {
    return this.work.meetingActions(m, meetingId);
  }

  /** The references of situations by id, those of the given tables only (a de-identified number, never more). */
  async references(ids: string[], tableIds: string[]): Promise<Map<string, { tableId: string; reference: string }>> {
    if (ids.length === 0 || tableIds.length === 0) return new Map();
    const rows = await this.repo.references(this.repo.dataSource, ids, tableIds);
    return new Map(rows.map((r) => [r.id, { tableId: r.tableId, reference: r.reference }]));
  }

  /** The ids of a table's situations by reference (exact, any case); references of other tables are not found. */
  async idsOfReferences(tableId: string, references: string[]): Promise<Map<string, string>> {
    if (references.length === 0) return new Map();
    const rows = await this.repo.idsOfReferences(this.repo.dataSource, tableId, references);
    return new Map(rows.map((r) => [r.reference.toUpperCase(), r.id]));
  }

  /**
   * The 48-hour clock's claims (domain/mobilization-clock.ts): its start more than `hours` ago, not
   * mobilised, not yet warned (WARNING, assigned only) or alerted (ALERT): marked atomically.
   */
  claimClock(m: EntityManager, mark: 'WARNING' | 'ALERT', now: Date, hours: number, limit: number, beforeHours: number | null = null): Promise<OverdueSituation[]> {
    return this.repo.claimClock(m, mark, now, hours, limit, beforeHours);
  }

  /** Deferred longer than their table's limit, not yet notified: marked notified atomically. */
  claimDeferralsOverdue(m: EntityManager, now: Date, limit: number): Promise<OverdueDeferral[]> {
    return this.repo.claimDeferralsOverdue(m, now, limit);
  }

  /** Leads unanswered past LEAD_ANSWER_HOURS, not yet notified: marked notified atomically. */
  claimLeadAnswersOverdue(m: EntityManager, now: Date, limit: number): Promise<OverdueLeadAnswer[]> {
    return this.repo.claimLeadAnswersOverdue(m, now, LEAD_ANSWER_HOURS, limit);
  }

  /** Situations whose identity purge is due, locked; mark them with `markIdentityPurged` in the same transaction. */
  async dueForIdentityPurge(m: EntityManager, now: Date, limit: number): Promise<{ situationId: string; tableId: string }[]> {
    return (await this.repo.dueForIdentityPurge(m, now, limit)).map((d) => ({ situationId: d.id, tableId: d.table_id }));
  }

  markIdentityPurged(m: EntityManager, situationIds: string[], now: Date): Promise<void> {
    return this.repo.markIdentityPurged(m, situationIds, now);
  }

  // ---- retention (issue 17, domain/retention.ts) ---------------------------------------------------

  /** Idle past their table's flag period, not yet flagged: marked flagged atomically (each once, across servers). */
  async claimDormantFlags(m: EntityManager, now: Date, limit: number): Promise<DormantSituation[]> {
    return (await this.repo.claimDormantFlags(m, now, DORMANCY_STATUSES, limit)).map((r) => ({
      id: r.id,
      tableId: r.tableId,
      reference: r.reference,
      idleDays: idleDays(r.lastActivityAt, now),
    }));
  }

  /**
   * The system's dormant closure (CLOSE_DORMANT): flagged situations idle past their table's close
   * period become CLOSED with the conclusion DORMANT, in the caller's transaction; the identity
   * retention runs from now like from any closure. A transition without actor records it.
   */
  async closeDormant(m: EntityManager, now: Date, limit: number): Promise<DormantSituation[]> {
    const due = await this.repo.dueForDormantClosure(m, now, DORMANCY_STATUSES, limit);
    const closed: DormantSituation[] = [];
    for (const d of due) {
      const idle = idleDays(d.lastActivityAt, now);
      const after = await this.repo.transition(
        m,
        { id: d.id, tableId: d.tableId, from: fromStatuses('CLOSE_DORMANT') },
        'CLOSED',
        {
          conclusion: DORMANT_CONCLUSION,
          consentStatus: null,
          closedAt: now,
          identityPurgeAt: new Date(now.getTime() + d.identityRetentionDays * DAY_MS),
        },
        now,
      );
      if (!after) continue;
      await this.repo.recordTransition(m, {
        situationId: d.id,
        tableId: d.tableId,
        action: 'CLOSE_DORMANT',
        from: d.status,
        to: 'CLOSED',
        actorId: null,
        actorAgencyId: null,
        at: now,
        details: { conclusion: DORMANT_CONCLUSION, consentStatus: null, idleDays: idle },
      });
      closed.push({ id: d.id, tableId: d.tableId, reference: after.reference, idleDays: idle, from: d.status });
    }
    return closed;
  }

  /** Situations whose free texts are due for erasure (identity purged; or a stub past its table's retention), locked. */
  dueForTextErasure(m: EntityManager, now: Date, limit: number): Promise<{ id: string; tableId: string; reference: string }[]> {
    return this.repo.dueForTextErasure(m, now, STUB_STATUSES, limit);
  }

  /** Erases every free text of a situation in the situations module's tables (the minutes are the meetings module's). */
  eraseTexts(m: EntityManager, id: string, now: Date): Promise<Omit<ErasedCounts, 'minutes'>> {
    return this.repo.eraseTexts(m, id, TRANSITION_TEXT_KEYS, now);
  }
}
