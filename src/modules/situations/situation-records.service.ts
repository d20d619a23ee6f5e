import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { SituationRepository } from './situation.repository';
import { LEAD_ANSWER_HOURS } from './domain/lead-answer';
import type { SituationStatus } from './domain/situation-state';

/** A transition recorded at a meeting, as its minutes show it: one typed shape per action. */
export type MeetingTransition =
  | (TransitionAt & { action: 'DECIDE_AER' | 'DECIDE_NOT_AER' | 'DEFER'; outcome: string; againstAdvice: boolean })
  | (TransitionAt & { action: 'ASSIGN'; leadAgencyId: string; assistingAgencyIds: string[] })
  | (TransitionAt & { action: 'MOBILIZE'; services: string[] })
  | (TransitionAt & { action: 'CLOSE'; conclusion: string; consentStatus: string });

interface TransitionAt {
  situationId: string;
  reference: string;
  at: Date;
}

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

/**
 * The typed reading of a transition's `details` (written by SituationService): the one place that
 * knows its keys. Transitions of other actions are not part of a meeting's minutes: null.
 */
export function meetingTransitionOf(t: { situationId: string; reference: string; action: string; at: Date; details: Record<string, unknown> }): MeetingTransition | null {
  const base = { situationId: t.situationId, reference: t.reference, at: t.at };
  const d = t.details;
  switch (t.action) {
    case 'DECIDE_AER':
    case 'DECIDE_NOT_AER':
      return { ...base, action: t.action, outcome: String(d.outcome), againstAdvice: d.againstAdvice === true };
    case 'DEFER':
      return { ...base, action: 'DEFER', outcome: 'DEFERRED', againstAdvice: false };
    case 'ASSIGN':
      return { ...base, action: 'ASSIGN', leadAgencyId: String(d.leadAgencyId), assistingAgencyIds: (d.assistingAgencyIds as string[] | undefined) ?? [] };
    case 'MOBILIZE':
      return { ...base, action: 'MOBILIZE', services: (d.services as string[] | undefined) ?? [] };
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
  constructor(private readonly repo: SituationRepository) {}

  /** The transitions recorded at a meeting (decisions, assignments, mobilisations, closures), in order. */
  async meetingTransitions(m: EntityManager, meetingId: string): Promise<MeetingTransition[]> {
    return (await this.repo.meetingTransitions(m, meetingId)).map(meetingTransitionOf).filter((t): t is MeetingTransition => t !== null);
  }

  meetingUpdates(m: EntityManager, meetingId: string): Promise<MeetingUpdate[]> {
    return this.repo.meetingUpdates(m, meetingId);
  }

  /** The references of situations by id, those of the given tables only (a de-identified number, never more). */
  async references(ids: string[], tableIds: string[]): Promise<Map<string, { tableId: string; reference: string }>> {
    if (ids.length === 0 || tableIds.length === 0) return new Map();
    const rows = await this.repo.references(this.repo.dataSource, ids, tableIds);
    return new Map(rows.map((r) => [r.id, { tableId: r.tableId, reference: r.reference }]));
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
}
