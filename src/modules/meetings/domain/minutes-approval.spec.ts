import { approvalAt } from './minutes-approval';

describe('minutes approval at the next meeting', () => {
  const next = { id: 'm-2', status: 'OPEN' as const };
  it('is recorded at the next meeting while it is open', () => {
    expect(approvalAt({ meeting: { status: 'CLOSED' }, approved: false, next })).toEqual({ ok: true, approvedAtMeetingId: 'm-2' });
  });
  it('refuses, in order: an open meeting, approved minutes, no next meeting, a next meeting already closed', () => {
    expect(approvalAt({ meeting: { status: 'OPEN' }, approved: true, next: null })).toEqual({ ok: false, refusal: 'MEETING_NOT_CLOSED' });
    expect(approvalAt({ meeting: { status: 'CLOSED' }, approved: true, next: null })).toEqual({ ok: false, refusal: 'MINUTES_ALREADY_APPROVED' });
    expect(approvalAt({ meeting: { status: 'CLOSED' }, approved: false, next: null })).toEqual({ ok: false, refusal: 'NO_NEXT_MEETING' });
    expect(approvalAt({ meeting: { status: 'CLOSED' }, approved: false, next: { id: 'm-2', status: 'CLOSED' } })).toEqual({ ok: false, refusal: 'NEXT_MEETING_CLOSED' });
  });
});
