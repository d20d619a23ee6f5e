import { localDate } from '../../../common/clock/time-zone';
import { actionPatchProblems, contactAttemptProblems, isActionOverdue, isCalendarDate, isIntervening, mayChangeAction, newActionProblems, recordingAgency } from './actions';

describe("an agency's actions and contact attempts", () => {
  it("records for the caller's own agency; a coordinator for any agency named; a representative naming another is refused", () => {
    expect(recordingAgency(['AGENCY_REP'], 'a-1', undefined)).toEqual({ agencyId: 'a-1' });
    expect(recordingAgency(['AGENCY_REP'], 'a-1', 'a-1')).toEqual({ agencyId: 'a-1' });
    expect(recordingAgency(['AGENCY_REP'], 'a-1', 'a-2')).toEqual({ refused: 'forbidden' });
    expect(recordingAgency(['COORDINATOR'], 'a-1', 'a-2')).toEqual({ agencyId: 'a-2' });
    expect(recordingAgency(['COORDINATOR'], null, undefined)).toEqual({ refused: 'missing' });
    expect(isIntervening({ leadAgencyId: 'a-1', assistingAgencyIds: ['a-2'] }, 'a-2')).toBe(true);
    expect(isIntervening({ leadAgencyId: 'a-1', assistingAgencyIds: ['a-2'] }, 'a-3')).toBe(false);
    expect(mayChangeAction(['AGENCY_REP'], 'a-1', 'a-1')).toBe(true);
    expect(mayChangeAction(['AGENCY_REP'], 'a-2', 'a-1')).toBe(false);
    expect(mayChangeAction(['COORDINATOR'], 'a-2', 'a-1')).toBe(true);
  });

  it('takes calendar dates only, and says overdue for a planned action due before today', () => {
    expect(isCalendarDate('2026-02-28')).toBe(true);
    expect(isCalendarDate('2028-02-29')).toBe(true);
    for (const bad of ['2026-02-29', '2026-13-01', '1999-12-31', '2026-1-1', '2026-01-01T00:00:00Z']) expect(isCalendarDate(bad)).toBe(false);
    expect(newActionProblems({ dueDate: '2026-02-30' })).toEqual([{ field: 'dueDate', problem: 'must be a calendar date YYYY-MM-DD' }]);
    expect(isActionOverdue('PLANNED', '2026-03-01', '2026-03-02')).toBe(true);
    expect(isActionOverdue('PLANNED', '2026-03-02', '2026-03-02')).toBe(false);
    expect(isActionOverdue('DONE', '2026-03-01', '2026-03-02')).toBe(false);
    // the table's calendar: 02:00 UTC is still the day before in Toronto
    expect(localDate(new Date('2026-03-02T02:00:00Z'), 'America/Toronto')).toBe('2026-03-01');
    expect(localDate(new Date('2026-03-02T02:00:00Z'), 'UTC')).toBe('2026-03-02');
  });

  it('asks a reason of an action not done (a note for OTHER), and refuses a reason otherwise', () => {
    expect(actionPatchProblems({})).toHaveLength(1);
    expect(actionPatchProblems({ status: 'DONE' })).toEqual([]);
    expect(actionPatchProblems({ dueDate: '2026-04-01' })).toEqual([]);
    expect(actionPatchProblems({ status: 'NOT_DONE' })).toEqual([{ field: 'reasonCode', problem: 'an action not done needs a reason' }]);
    expect(actionPatchProblems({ status: 'NOT_DONE', reasonCode: 'OTHER', reasonNote: '  ' })).toEqual([{ field: 'reasonNote', problem: 'the reason OTHER needs a note' }]);
    expect(actionPatchProblems({ status: 'NOT_DONE', reasonCode: 'OTHER', reasonNote: 'Moved away.' })).toEqual([]);
    expect(actionPatchProblems({ status: 'DONE', reasonCode: 'NOT_REACHED' })).toEqual([{ field: 'reasonCode', problem: 'only with the status NOT_DONE' }]);
    expect(actionPatchProblems({ description: 'New text.', reasonNote: 'why' })).toEqual([{ field: 'reasonNote', problem: 'only with the status NOT_DONE' }]);
  });

  it('refuses an attempt in the future or before the referral, and OTHER without a note', () => {
    const now = new Date('2026-03-02T12:00:00Z');
    const since = new Date('2026-03-01T00:00:00Z');
    expect(contactAttemptProblems({ attemptedAt: new Date('2026-03-02T11:00:00Z'), outcome: 'NO_ANSWER' }, now, since)).toEqual([]);
    expect(contactAttemptProblems({ attemptedAt: new Date('2026-03-02T12:04:00Z'), outcome: 'NO_ANSWER' }, now, since)).toEqual([]);
    expect(contactAttemptProblems({ attemptedAt: new Date('2026-03-02T13:00:00Z'), outcome: 'NO_ANSWER' }, now, since)[0].field).toBe('attemptedAt');
    expect(contactAttemptProblems({ attemptedAt: new Date('2026-02-28T13:00:00Z'), outcome: 'NO_ANSWER' }, now, since)[0].problem).toBe('must not be before the referral');
    expect(contactAttemptProblems({ attemptedAt: now, outcome: 'OTHER' }, now, since)).toEqual([{ field: 'note', problem: 'the outcome OTHER needs a note' }]);
  });
});
