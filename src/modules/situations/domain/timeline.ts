/**
 * A situation's timeline (issue #16): what happened to it, who (the acting agency) and when, built
 * from its transitions and its status updates. Pure: no Nest, no TypeORM.
 *
 * Identity is never in it: transitions hold codes and ids, updates and the decision's rationale are
 * de-identified text checked when they were written. A rejected or withdrawn referral keeps only
 * its stub (domain.md): its timeline shows intake, decision and withdrawal, and any other entry
 * with its kind, agency and time only, never the codes or text it carried.
 */
import { isStub, SituationStatus } from './situation-state';

export const TIMELINE_KINDS = ['INTAKE', 'EDIT', 'DECISION', 'WITHDRAWAL', 'ASSIGNMENT', 'MOBILIZATION', 'UPDATE', 'CLOSURE', 'REOPENING', 'STATUS_CHANGE'] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

/** A transition or an update as the repository reads it, with the acting agency's name. */
export interface TimelineRow {
  at: Date;
  /** the row's sort key within its instant: `t<id>` for a transition, `u<uuid>` for an update */
  key: string;
  /** the transition's action, or `POST_UPDATE` for a status update */
  action: string;
  fromStatus: string | null;
  toStatus: string | null;
  agencyId: string | null;
  agencyName: string | null;
  meetingId: string | null;
  details: Record<string, unknown>;
  /** a status update's note (de-identified, checked at write) */
  note: string | null;
  updateId: string | null;
}

/** What the entries need of the situation itself: its status and the columns of its latest decision and mobilisation. */
export interface TimelineSituation {
  status: SituationStatus;
  decidedAt: Date | null;
  decisionRationale: string | null;
  mobilizedAt: Date | null;
}

export interface TimelineDetails {
  outcome?: string;
  againstAdvice?: boolean;
  rationale?: string | null;
  /** a deferral's question to the originating agency (de-identified, checked at write) */
  informationNeeded?: string | null;
  /** an edit that answered a deferral */
  resubmitted?: boolean;
  leadAgencyId?: string;
  assistingAgencyIds?: string[];
  reassignment?: boolean;
  previousLeadAgencyId?: string | null;
  mobilizedAt?: string | null;
  services?: string[];
  hoursFromAcceptance?: number | null;
  updateId?: string;
  note?: string;
  conclusion?: string;
  consentStatus?: string;
  action?: string;
  fromStatus?: string | null;
  toStatus?: string | null;
}

export interface TimelineEntry {
  at: string;
  kind: TimelineKind;
  agencyId: string | null;
  agencyName?: string;
  meetingId?: string;
  details: TimelineDetails;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** The entry of one row, in the light of the situation it belongs to. */
export function timelineEntryOf(row: TimelineRow, s: TimelineSituation): TimelineEntry {
  const { kind, details } = describe(row, s);
  return {
    at: row.at.toISOString(),
    kind,
    agencyId: row.agencyId,
    ...(row.agencyName ? { agencyName: row.agencyName } : {}),
    ...(row.meetingId ? { meetingId: row.meetingId } : {}),
    details,
  };
}

/** Kinds a stub keeps with their details: what the stub itself shows (intake, decision, withdrawal). */
const STUB_KINDS: readonly TimelineKind[] = ['INTAKE', 'DECISION', 'WITHDRAWAL'];

function describe(row: TimelineRow, s: TimelineSituation): { kind: TimelineKind; details: TimelineDetails } {
  const entry = full(row, s);
  if (isStub(s.status) && !STUB_KINDS.includes(entry.kind)) return { kind: entry.kind, details: {} };
  // A stub keeps its final decision's rationale, not a deferral's question about the referral's content.
  if (isStub(s.status) && entry.details.outcome === 'DEFERRED') return { kind: entry.kind, details: { outcome: 'DEFERRED' } };
  return entry;
}

function full(r: TimelineRow, sit: TimelineSituation): { kind: TimelineKind; details: TimelineDetails } {
  const d = r.details;
  switch (r.action) {
    case 'SUBMIT':
      return { kind: 'INTAKE', details: {} };
    case 'DECIDE_AER':
    case 'DECIDE_NOT_AER': {
      // The rationale is a column of the situation's latest decision: it belongs to the transition taken at that instant.
      const latest = sit.decidedAt !== null && sit.decidedAt.getTime() === r.at.getTime();
      return {
        kind: 'DECISION',
        details: {
          outcome: str(d.outcome) ?? (r.action === 'DECIDE_AER' ? 'AER' : 'NOT_AER'),
          againstAdvice: d.againstAdvice === true,
          rationale: str(d.rationale) ?? (latest ? sit.decisionRationale : null),
        },
      };
    }
    case 'DEFER':
      // Deferred, more information needed: a decision that asks, not a final one.
      return { kind: 'DECISION', details: { outcome: 'DEFERRED', informationNeeded: str(d.informationNeeded) ?? null } };
    case 'EDIT':
      // The codes of the version before are kept for the record, not shown: the entry says that it was edited.
      return { kind: 'EDIT', details: { resubmitted: d.resubmitted === true } };
    case 'WITHDRAW':
      return { kind: 'WITHDRAWAL', details: {} };
    case 'ASSIGN':
      return {
        kind: 'ASSIGNMENT',
        details: {
          leadAgencyId: str(d.leadAgencyId) ?? '',
          assistingAgencyIds: strings(d.assistingAgencyIds),
          reassignment: d.reassignment === true,
          previousLeadAgencyId: str(d.previousLeadAgencyId) ?? null,
        },
      };
    case 'MOBILIZE':
      return {
        kind: 'MOBILIZATION',
        details: {
          mobilizedAt: str(d.mobilizedAt) ?? (sit.mobilizedAt ? sit.mobilizedAt.toISOString() : null),
          services: strings(d.services),
          hoursFromAcceptance: typeof d.hoursFromAcceptance === 'number' ? d.hoursFromAcceptance : null,
        },
      };
    case 'POST_UPDATE':
      return { kind: 'UPDATE', details: { updateId: r.updateId ?? '', note: r.note ?? '' } };
    case 'CLOSE':
      return { kind: 'CLOSURE', details: { conclusion: str(d.conclusion) ?? '', consentStatus: str(d.consentStatus) ?? '' } };
    case 'REOPEN':
      // back to the status it was closed from, with the coordinator's de-identified rationale
      return { kind: 'REOPENING', details: { toStatus: r.toStatus, rationale: str(d.rationale) ?? null } };
    default:
      // A step this reading does not know yet: its action and statuses, never the codes or text it carried.
      return { kind: 'STATUS_CHANGE', details: { action: r.action, fromStatus: r.fromStatus, toStatus: r.toStatus } };
  }
}
