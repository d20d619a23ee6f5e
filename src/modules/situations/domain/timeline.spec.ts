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
    // per agency (issue 16): each mobilisation with its agency and role; a change of services
    const assisting = { agencyId: 'a-3', role: 'ASSISTING', mobilizedAt: '2026-03-03T09:00:00.000Z', services: ['COUNSELLING'], hoursFromAcceptance: 2 };
    expect(timelineEntryOf(row({ action: 'MOBILIZE_AGENCY', details: assisting }), open)).toMatchObject({
      kind: 'MOBILIZATION',
      details: { agencyId: 'a-3', agencyRole: 'ASSISTING', mobilizedAt: '2026-03-03T09:00:00.000Z', services: ['COUNSELLING'] },
    });
    expect(timelineEntryOf(row({ action: 'MOBILIZE', details: { agencyId: 'a-2', role: 'LEAD', services: ['HOUSING_SHELTER'], leadAccepted: true } }), open).details).toMatchObject(
      {
        agencyId: 'a-2',
        agencyRole: 'LEAD',
        leadAccepted: true,
      },
    );
    expect(
      timelineEntryOf(row({ action: 'CONNECT_SERVICES', details: { agencyId: 'a-3', role: 'ASSISTING', services: ['A', 'B'], added: ['B'], removed: [] } }), open),
    ).toMatchObject({ kind: 'SERVICES', details: { agencyId: 'a-3', agencyRole: 'ASSISTING', services: ['A', 'B'], added: ['B'], removed: [] } });
    expect(timelineEntryOf(row({ action: 'POST_UPDATE', note: 'Visit done.', updateId: 'u-1', key: 'u-1' }), open)).toMatchObject({
      kind: 'UPDATE',
      details: { note: 'Visit done.', updateId: 'u-1' },
    });
    expect(timelineEntryOf(row({ action: 'CLOSE', details: { conclusion: 'CONNECTED_TO_SERVICES', consentStatus: 'OBTAINED' } }), open).details).toEqual({
      conclusion: 'CONNECTED_TO_SERVICES',
      consentStatus: 'OBTAINED',
    });
  });

  it("reads an agency's actions (planned, then marked) and contact attempts, each with the agency and time", () => {
    const planned = row({ action: 'ACTION_CREATE', key: 'a-1', details: { actionId: 'x-1', dueDate: '2026-03-09', description: 'Book a clinic visit.' } });
    expect(timelineEntryOf(planned, open)).toEqual({
      at: AT.toISOString(),
      kind: 'ACTION',
      agencyId: 'agency-1',
      agencyName: 'Police',
      details: { actionId: 'x-1', actionStatus: 'PLANNED', dueDate: '2026-03-09', description: 'Book a clinic visit.' },
    });
    const marked = row({
      action: 'ACTION_STATUS',
      details: { actionId: 'x-1', actionStatus: 'NOT_DONE', reasonCode: 'PERSON_DECLINED', reasonNote: null, description: 'Book a clinic visit.' },
    });
    expect(timelineEntryOf(marked, open).details).toEqual({
      actionId: 'x-1',
      actionStatus: 'NOT_DONE',
      reasonCode: 'PERSON_DECLINED',
      reasonNote: null,
      description: 'Book a clinic visit.',
    });
    const attempt = row({
      action: 'CONTACT_ATTEMPT',
      note: 'Left a message.',
      details: { contactAttemptId: 'c-1', attemptedAt: '2026-03-02T14:00:00.000Z', outcome: 'MESSAGE_LEFT' },
    });
    expect(timelineEntryOf(attempt, open)).toMatchObject({
      kind: 'CONTACT_ATTEMPT',
      agencyId: 'agency-1',
      details: { contactAttemptId: 'c-1', attemptedAt: '2026-03-02T14:00:00.000Z', contactOutcome: 'MESSAGE_LEFT', note: 'Left a message.' },
    });
    // a stub keeps them as kind, agency and time only
    expect(timelineEntryOf(attempt, { ...open, status: 'WITHDRAWN' }).details).toEqual({});
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

  it('links a duplicate and its original both ways, and a duplicate (a stub) keeps its link but not its deferral question', () => {
    const dup = row({
      action: 'MARK_DUPLICATE',
      fromStatus: 'DEFERRED',
      toStatus: 'DUPLICATE',
      details: { duplicateOfId: 'o-1', duplicateOfReference: 'PEEL-2026-0001', extra: 'x' },
    });
    const duplicate: TimelineSituation = { status: 'DUPLICATE', decidedAt: null, decisionRationale: null, mobilizedAt: null };
    expect(timelineEntryOf(dup, duplicate)).toMatchObject({ kind: 'DUPLICATE', details: { duplicateOfId: 'o-1', duplicateOfReference: 'PEEL-2026-0001' } });
    expect(timelineEntryOf(dup, duplicate).details).toEqual({ duplicateOfId: 'o-1', duplicateOfReference: 'PEEL-2026-0001' });
    const defer = row({ action: 'DEFER', details: { outcome: 'DEFERRED', informationNeeded: 'Which services were already tried?' } });
    expect(timelineEntryOf(defer, duplicate).details).toEqual({ outcome: 'DEFERRED' });
    const linked = row({ action: 'LINK_DUPLICATE', fromStatus: 'SUBMITTED', toStatus: 'SUBMITTED', details: { duplicateId: 'd-1', duplicateReference: 'PEEL-2026-0002' } });
    expect(timelineEntryOf(linked, { ...open, status: 'SUBMITTED' })).toMatchObject({
      kind: 'DUPLICATE_LINKED',
      details: { duplicateId: 'd-1', duplicateReference: 'PEEL-2026-0002' },
    });
  });
});
