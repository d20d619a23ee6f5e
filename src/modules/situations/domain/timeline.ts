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

export const TIMELINE_KINDS = [
  'INTAKE',
  'EDIT',
  'DECISION',
  'WITHDRAWAL',
  'ASSIGNMENT',
  'MOBILIZATION',
  'SERVICES',
  'UPDATE',
  'ACTION',
  'CONTACT_ATTEMPT',
  'CLOSURE',
  'REOPENING',
  'DUPLICATE',
  'DUPLICATE_LINKED',
  'STATUS_CHANGE',
] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

/** A transition or an update as the repository reads it, with the acting agency's name. */
export interface TimelineRow {
  at: Date;
  /** the row's sort key within its instant: `t<id>` for a transition, `u<uuid>` for an update, `a`/`b<uuid>` an action created/marked, `c<uuid>` a contact attempt */
  key: string;
  /** the transition's action, `POST_UPDATE` for a status update, `ACTION_CREATE`, `ACTION_STATUS` or `CONTACT_ATTEMPT` for an agency's work */
  action: string;
  fromStatus: string | null;
  toStatus: string | null;
  agencyId: string | null;
  agencyName: string | null;
  meetingId: string | null;
  details: Record<string, unknown>;
  /** a status update's or a contact attempt's note (de-identified, checked at write) */
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
  /** MOBILIZATION, SERVICES: the agency that mobilised (or whose services changed) and its role; absent on entries from before issue 16 (the lead's) */
  agencyId?: string;
  agencyRole?: 'LEAD' | 'ASSISTING';
  /** MOBILIZATION: the lead's pending answer was accepted by its mobilisation */
  leadAccepted?: boolean;
  /** SERVICES: the codes added and removed */
  added?: string[];
  removed?: string[];
  updateId?: string;
  note?: string;
  conclusion?: string;
  consentStatus?: string;
  /** ACTION: the action (its description as it stands, de-identified) */
  actionId?: string;
  description?: string;
  dueDate?: string;
  /** ACTION when marked: DONE or NOT_DONE (with its reason code and note) */
  actionStatus?: string;
  reasonCode?: string | null;
  reasonNote?: string | null;
  /** CONTACT_ATTEMPT: when it was attempted (the entry is when it was recorded), its outcome code and note */
  contactAttemptId?: string;
  attemptedAt?: string;
  contactOutcome?: string;
  action?: string;
  fromStatus?: string | null;
  toStatus?: string | null;
  /** DUPLICATE: the original this referral duplicates */
  duplicateOfId?: string;
  duplicateOfReference?: string;
  /** DUPLICATE_LINKED (on the original): the referral marked as its duplicate */
  duplicateId?: string;
  duplicateReference?: string;
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

const agencyOf = (d: Record<string, unknown>): Pick<TimelineDetails, 'agencyId' | 'agencyRole'> => {
  const agencyId = str(d.agencyId);
  const role = d.role === 'LEAD' || d.role === 'ASSISTING' ? d.role : undefined;
  return { ...(agencyId ? { agencyId } : {}), ...(role ? { agencyRole: role } : {}) };
};

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
const STUB_KINDS: readonly TimelineKind[] = ['INTAKE', 'DECISION', 'WITHDRAWAL', 'DUPLICATE'];

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
    case 'MOBILIZE_AGENCY':
      // One entry per agency's mobilisation; before issue 16 only the lead's (no agency in its details).
      return {
        kind: 'MOBILIZATION',
        details: {
          mobilizedAt: str(d.mobilizedAt) ?? (r.action === 'MOBILIZE' && sit.mobilizedAt ? sit.mobilizedAt.toISOString() : null),
          services: strings(d.services),
          hoursFromAcceptance: typeof d.hoursFromAcceptance === 'number' ? d.hoursFromAcceptance : null,
          ...agencyOf(d),
          ...(d.leadAccepted === true ? { leadAccepted: true } : {}),
        },
      };
    case 'CONNECT_SERVICES':
      return { kind: 'SERVICES', details: { ...agencyOf(d), services: strings(d.services), added: strings(d.added), removed: strings(d.removed) } };
    case 'POST_UPDATE':
      return { kind: 'UPDATE', details: { updateId: r.updateId ?? '', note: r.note ?? '' } };
    case 'ACTION_CREATE':
      // an agency's action, planned: the entry's agency is the one that does it
      return { kind: 'ACTION', details: { actionId: str(d.actionId) ?? '', actionStatus: 'PLANNED', dueDate: str(d.dueDate) ?? '', description: str(d.description) ?? '' } };
    case 'ACTION_STATUS':
      return {
        kind: 'ACTION',
        details: {
          actionId: str(d.actionId) ?? '',
          actionStatus: str(d.actionStatus) ?? '',
          description: str(d.description) ?? '',
          reasonCode: str(d.reasonCode) ?? null,
          reasonNote: str(d.reasonNote) ?? null,
        },
      };
    case 'CONTACT_ATTEMPT':
      return {
        kind: 'CONTACT_ATTEMPT',
        details: { contactAttemptId: str(d.contactAttemptId) ?? '', attemptedAt: str(d.attemptedAt) ?? '', contactOutcome: str(d.outcome) ?? '', note: r.note ?? undefined },
      };
    case 'CLOSE':
    case 'CLOSE_DORMANT':
      // CLOSE_DORMANT: the system closed it after the table's dormancy periods (conclusion DORMANT, no consent status)
      return { kind: 'CLOSURE', details: { conclusion: str(d.conclusion) ?? '', consentStatus: str(d.consentStatus) ?? '' } };
    case 'REOPEN':
      // back to the status it was closed from, with the coordinator's de-identified rationale
      return { kind: 'REOPENING', details: { toStatus: r.toStatus, rationale: str(d.rationale) ?? null } };
    case 'MARK_DUPLICATE':
      // closed as a duplicate: the link to the original (a reference and an id, never text)
      return { kind: 'DUPLICATE', details: { duplicateOfId: str(d.duplicateOfId) ?? '', duplicateOfReference: str(d.duplicateOfReference) ?? '' } };
    case 'LINK_DUPLICATE':
      // on the original: another referral was marked as its duplicate (its status did not change)
      return { kind: 'DUPLICATE_LINKED', details: { duplicateId: str(d.duplicateId) ?? '', duplicateReference: str(d.duplicateReference) ?? '' } };
    default:
      // A step this reading does not know yet: its action and statuses, never the codes or text it carried.
      return { kind: 'STATUS_CHANGE', details: { action: r.action, fromStatus: r.fromStatus, toStatus: r.toStatus } };
  }
}
