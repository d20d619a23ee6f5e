import { TimelineRow, TimelineSituation, timelineEntryOf } from './timeline';

const AT = new Date('2026-03-02T15:04:05.678Z');
const row = (over: Partial<TimelineRow>): TimelineRow => ({
  at: AT,
  key: 't0000000000000000001',
  action: 'SUBMIT',
  fromStatus: null,
  toStatus: 'SUBMITTED',
  agencyId: 'agency-1',
  agencyName: 'Police',
  meetingId: null,
  details: {},
  note: null,
  updateId: null,
  ...over,
});
const open: TimelineSituation = { status: 'MOBILIZED', decidedAt: AT, decisionRationale: 'Meets the threshold.', mobilizedAt: new Date('2026-03-03T10:00:00.000Z') };

describe('timeline entries', () => {
  it('gives each step its kind, agency and time, a meeting only when there was one', () => {
    expect(timelineEntryOf(row({}), open)).toEqual({ at: AT.toISOString(), kind: 'INTAKE', agencyId: 'agency-1', agencyName: 'Police', details: {} });
    expect(timelineEntryOf(row({ agencyName: null, meetingId: 'm-1', action: 'WITHDRAW' }), open)).toEqual({
      at: AT.toISOString(),
      kind: 'WITHDRAWAL',
      agencyId: 'agency-1',
      meetingId: 'm-1',
      details: {},
    });
  });

  it("takes the decision's rationale from the situation only for the decision taken at its decision time", () => {
    const d = row({ action: 'DECIDE_AER', details: { outcome: 'AER', againstAdvice: false } });
    expect(timelineEntryOf(d, open).details).toEqual({ outcome: 'AER', againstAdvice: false, rationale: 'Meets the threshold.' });
    expect(timelineEntryOf({ ...d, at: new Date(AT.getTime() - 1) }, open).details.rationale).toBeNull();
  });

  it('reads assignments, mobilisation, updates and closure from their rows', () => {
    expect(
      timelineEntryOf(row({ action: 'ASSIGN', details: { leadAgencyId: 'a-2', assistingAgencyIds: ['a-3'], reassignment: true, previousLeadAgencyId: 'a-4' } }), open).details,
    ).toEqual({ leadAgencyId: 'a-2', assistingAgencyIds: ['a-3'], reassignment: true, previousLeadAgencyId: 'a-4' });
    expect(timelineEntryOf(row({ action: 'MOBILIZE', details: { services: ['HOUSING_SHELTER'], hoursFromAcceptance: 3.5 } }), open).details).toEqual({
      mobilizedAt: '2026-03-03T10:00:00.000Z',
      services: ['HOUSING_SHELTER'],
      hoursFromAcceptance: 3.5,
    });
    expect(timelineEntryOf(row({ action: 'POST_UPDATE', note: 'Visit done.', updateId: 'u-1', key: 'u-1' }), open)).toMatchObject({
      kind: 'UPDATE',
      details: { note: 'Visit done.', updateId: 'u-1' },
    });
    expect(timelineEntryOf(row({ action: 'CLOSE', details: { conclusion: 'CONNECTED_TO_SERVICES', consentStatus: 'OBTAINED' } }), open).details).toEqual({
      conclusion: 'CONNECTED_TO_SERVICES',
      consentStatus: 'OBTAINED',
    });
  });

  it('tells a reopening: the status it returned to and the rationale', () => {
    const reopen = row({
      action: 'REOPEN',
      fromStatus: 'CLOSED',
      toStatus: 'MOBILIZED',
      details: { rationale: 'The placement fell through.', conclusion: 'MOVED', closedAt: 'x' },
    });
    expect(timelineEntryOf(reopen, open)).toMatchObject({ kind: 'REOPENING', details: { toStatus: 'MOBILIZED', rationale: 'The placement fell through.' } });
    expect(timelineEntryOf(reopen, open).details).toEqual({ toStatus: 'MOBILIZED', rationale: 'The placement fell through.' });
  });

  it('names a step it does not know by its action and statuses only, never what its details carry', () => {
    const step = row({ action: 'SOMETHING_NEW', fromStatus: 'SUBMITTED', toStatus: 'SUBMITTED', details: { previous: { narrative: 'some text', riskFactors: ['X'] } } });
    expect(timelineEntryOf(step, { ...open, status: 'SUBMITTED' })).toMatchObject({
      kind: 'STATUS_CHANGE',
      details: { action: 'SOMETHING_NEW', fromStatus: 'SUBMITTED', toStatus: 'SUBMITTED' },
    });
  });

  it("shows an edit as an edit (answering a deferral or not) without the previous version's codes, and a deferral as a decision with its question", () => {
    const edit = row({ action: 'EDIT', fromStatus: 'DEFERRED', toStatus: 'SUBMITTED', details: { resubmitted: true, previous: { narrative: 'some text', riskFactors: ['X'] } } });
    expect(timelineEntryOf(edit, { ...open, status: 'SUBMITTED' })).toMatchObject({ kind: 'EDIT', details: { resubmitted: true } });
    expect(JSON.stringify(timelineEntryOf(edit, { ...open, status: 'SUBMITTED' }))).not.toContain('some text');
    expect(timelineEntryOf(row({ action: 'EDIT', details: {} }), { ...open, status: 'SUBMITTED' }).details).toEqual({ resubmitted: false });
    const defer = row({
      action: 'DEFER',
      fromStatus: 'SUBMITTED',
      toStatus: 'DEFERRED',
      details: { outcome: 'DEFERRED', informationNeeded: 'Which services were already tried?' },
    });
    expect(timelineEntryOf(defer, { ...open, status: 'DEFERRED' })).toMatchObject({
      kind: 'DECISION',
      details: { outcome: 'DEFERRED', informationNeeded: 'Which services were already tried?' },
    });
    // a stub keeps that a deferral happened, not its question
    expect(timelineEntryOf(defer, { ...open, status: 'WITHDRAWN' }).details).toEqual({ outcome: 'DEFERRED' });
  });

  it("keeps a stub's intake, decision and withdrawal, and strips any other entry to its kind, agency and time", () => {
    const rejected: TimelineSituation = { status: 'REJECTED', decidedAt: AT, decisionRationale: 'One agency can respond.', mobilizedAt: null };
    expect(timelineEntryOf(row({ action: 'DECIDE_NOT_AER', details: { outcome: 'NOT_AER', againstAdvice: true } }), rejected).details).toEqual({
      outcome: 'NOT_AER',
      againstAdvice: true,
      rationale: 'One agency can respond.',
    });
    const edit = timelineEntryOf(row({ action: 'EDIT', details: { resubmitted: true, previous: { narrative: 'some text' } } }), rejected);
    expect(edit).toEqual({ at: AT.toISOString(), kind: 'EDIT', agencyId: 'agency-1', agencyName: 'Police', details: {} });
    expect(timelineEntryOf(row({ action: 'POST_UPDATE', note: 'text' }), { ...rejected, status: 'WITHDRAWN' }).details).toEqual({});
  });
});
