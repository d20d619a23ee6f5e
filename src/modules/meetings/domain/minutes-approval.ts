/**
 * Minutes are approved by the coordinator at the next meeting (issue 16): the meeting is closed,
 * its minutes are not approved yet, and the table's next meeting (the next by date after it) exists
 * and is not closed; the approval names that meeting. Pure: no framework, no database.
 */
export type MinutesApprovalRefusal = 'MEETING_NOT_CLOSED' | 'MINUTES_ALREADY_APPROVED' | 'NO_NEXT_MEETING' | 'NEXT_MEETING_CLOSED';

export interface ApprovalFacts {
  meeting: { status: 'OPEN' | 'CLOSED' };
  approved: boolean;
  /** the table's next meeting by date after this one, or null */
  next: { id: string; status: 'OPEN' | 'CLOSED' } | null;
}

/** The meeting the approval is recorded at, or why it is refused (in this order). */
export function approvalAt(f: ApprovalFacts): { ok: true; approvedAtMeetingId: string } | { ok: false; refusal: MinutesApprovalRefusal } {
  if (f.meeting.status !== 'CLOSED') return { ok: false, refusal: 'MEETING_NOT_CLOSED' };
  if (f.approved) return { ok: false, refusal: 'MINUTES_ALREADY_APPROVED' };
  if (!f.next) return { ok: false, refusal: 'NO_NEXT_MEETING' };
  if (f.next.status === 'CLOSED') return { ok: false, refusal: 'NEXT_MEETING_CLOSED' };
  return { ok: true, approvedAtMeetingId: f.next.id };
}
