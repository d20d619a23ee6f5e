import { isLeadAnswerOverdue, LEAD_ANSWER_HOURS, LeadAnswerFields, leadAnswerOnAssign, leadAnswerProblems, leadAnswerState, leadAnswerValues, mayAnswerLead } from './lead-answer';
import { SITUATION_STATUSES } from './situation-state';

const given = new Date('2026-05-01T12:00:00Z');
const at = (hours: number, ms = 0) => new Date(given.getTime() + hours * 3_600_000 + ms);
const pending: LeadAnswerFields = { status: 'ASSIGNED', leadAgencyId: 'housing', leadAssignedAt: given, leadAnswer: null };

describe('the lead agency answers its lead (issue 16)', () => {
  it('shows PENDING while a lead waits, the answer once given, nothing before any lead', () => {
    expect(leadAnswerState(pending)).toBe('PENDING');
    expect(leadAnswerState({ ...pending, leadAnswer: 'ACCEPTED' })).toBe('ACCEPTED');
    expect(leadAnswerState({ ...pending, status: 'ACCEPTED', leadAgencyId: null, leadAnswer: 'DECLINED' })).toBe('DECLINED');
    expect(leadAnswerState({ status: 'ACCEPTED', leadAgencyId: null, leadAssignedAt: null, leadAnswer: null })).toBeNull();
  });

  it('may answer only while ASSIGNED with a lead that has not answered', () => {
    for (const status of SITUATION_STATUSES) expect(mayAnswerLead({ ...pending, status })).toBe(status === 'ASSIGNED');
    expect(mayAnswerLead({ ...pending, leadAnswer: 'ACCEPTED' })).toBe(false);
    expect(mayAnswerLead({ ...pending, leadAgencyId: null })).toBe(false);
  });

  it(`is overdue past ${LEAD_ANSWER_HOURS} hours, to the millisecond, and only while it may still answer`, () => {
    expect(isLeadAnswerOverdue(pending, at(24))).toBe(false);
    expect(isLeadAnswerOverdue(pending, at(24, 1))).toBe(true);
    expect(isLeadAnswerOverdue({ ...pending, leadAnswer: 'ACCEPTED' }, at(48))).toBe(false);
    expect(isLeadAnswerOverdue({ ...pending, status: 'MOBILIZED' }, at(48))).toBe(false);
    expect(isLeadAnswerOverdue({ ...pending, leadAssignedAt: null }, at(48))).toBe(false);
  });

  it('a decline needs a reason; OTHER needs a note; an acceptance takes no reason', () => {
    expect(leadAnswerProblems({ answer: 'ACCEPT' })).toEqual([]);
    expect(leadAnswerProblems({ answer: 'ACCEPT', note: 'we start on Monday' })).toEqual([]);
    expect(leadAnswerProblems({ answer: 'ACCEPT', reasonCode: 'CAPACITY' })).toEqual([{ field: 'reasonCode', problem: 'only with the answer DECLINE' }]);
    expect(leadAnswerProblems({ answer: 'DECLINE' })).toEqual([{ field: 'reasonCode', problem: 'a decline needs a reason' }]);
    expect(leadAnswerProblems({ answer: 'DECLINE', reasonCode: 'MANDATE' })).toEqual([]);
    expect(leadAnswerProblems({ answer: 'DECLINE', reasonCode: 'OTHER', note: '  ' })).toEqual([{ field: 'note', problem: 'the reason OTHER needs a note' }]);
    expect(leadAnswerProblems({ answer: 'DECLINE', reasonCode: 'OTHER', note: 'no staff this week' })).toEqual([]);
  });

  it('an acceptance keeps the assignment; a decline removes the lead and the assisting agencies', () => {
    const by = { agencyId: 'housing', userId: 'u1', reasonCode: 'CAPACITY', note: null, at: at(2) };
    const accepted = leadAnswerValues('ACCEPT', by);
    expect(accepted).toMatchObject({ leadAnswer: 'ACCEPTED', leadAnswerAgencyId: 'housing', leadAnswerReason: null, leadAnsweredAt: at(2) });
    expect(accepted).not.toHaveProperty('leadAgencyId');
    expect(leadAnswerValues('DECLINE', by)).toMatchObject({
      leadAnswer: 'DECLINED',
      leadAnswerReason: 'CAPACITY',
      leadAgencyId: null,
      leadSector: null,
      assistingAgencyIds: [],
      assignedAt: null,
      // the clock counts from the decision again, in the domain and in SQL alike
      lastAssignedAt: null,
    });
  });

  it('a new lead (or the declined one chosen again) is pending again; the same lead keeps its answer', () => {
    expect(leadAnswerOnAssign('housing', 'housing', at(3))).toEqual({});
    expect(leadAnswerOnAssign('housing', 'health', at(3))).toMatchObject({ leadAssignedAt: at(3), leadAnswer: null, leadAnswerNotifiedAt: null });
    expect(leadAnswerOnAssign(null, 'housing', at(3))).toMatchObject({ leadAssignedAt: at(3), leadAnswer: null, leadAnswerAgencyId: null });
  });
});
