import { meetingTransitionOf } from './situation-records.service';

/** The typed contract the meetings module reads a transition's `details` through (its minutes). */
describe('meetingTransitionOf', () => {
  const at = new Date('2026-03-04T15:00:00Z');
  const row = (action: string, details: Record<string, unknown>) => ({ situationId: 's-1', reference: 'TBL-2026-0001', action, at, details });

  it('reads a decision: outcome and whether it went against the threshold advice', () => {
    expect(meetingTransitionOf(row('DECIDE_AER', { outcome: 'AER', againstAdvice: true }))).toEqual({
      situationId: 's-1',
      reference: 'TBL-2026-0001',
      at,
      action: 'DECIDE_AER',
      outcome: 'AER',
      againstAdvice: true,
      sectorsAbsent: [],
      rationale: null,
    });
    expect(meetingTransitionOf(row('DECIDE_NOT_AER', { outcome: 'NOT_AER' }))).toMatchObject({ action: 'DECIDE_NOT_AER', outcome: 'NOT_AER', againstAdvice: false });
    expect(meetingTransitionOf(row('DEFER', { outcome: 'DEFERRED' }))).toMatchObject({ action: 'DEFER', outcome: 'DEFERRED', againstAdvice: false });
  });

  it("reads a decision's sectors absent (issue 16), recorded when any were", () => {
    expect(meetingTransitionOf(row('DECIDE_AER', { outcome: 'AER', sectorsAbsent: ['HEALTH', 'POLICE'] }))).toMatchObject({ sectorsAbsent: ['HEALTH', 'POLICE'] });
    expect(meetingTransitionOf(row('DEFER', { outcome: 'DEFERRED', sectorsAbsent: ['EDUCATION'] }))).toMatchObject({ sectorsAbsent: ['EDUCATION'] });
  });

  it("carries the decision's rationale (the situation's, decided once) and a deferral's question", () => {
    const rationale = 'Below the threshold; the school can respond.';
    expect(meetingTransitionOf({ ...row('DECIDE_NOT_AER', { outcome: 'NOT_AER' }), decisionRationale: rationale })).toMatchObject({ rationale });
    expect(meetingTransitionOf({ ...row('DECIDE_AER', { outcome: 'AER', rationale: 'kept in the transition' }), decisionRationale: rationale })).toMatchObject({
      rationale: 'kept in the transition',
    });
    expect(meetingTransitionOf(row('DEFER', { outcome: 'DEFERRED', informationNeeded: 'Which services were already offered?' }))).toMatchObject({
      rationale: 'Which services were already offered?',
    });
  });

  it('reads an assignment, a mobilisation and a closure', () => {
    expect(meetingTransitionOf(row('ASSIGN', { leadAgencyId: 'a-1', assistingAgencyIds: ['a-2'], reassignment: false }))).toMatchObject({
      action: 'ASSIGN',
      leadAgencyId: 'a-1',
      assistingAgencyIds: ['a-2'],
    });
    expect(meetingTransitionOf(row('ASSIGN', { leadAgencyId: 'a-1' }))).toMatchObject({ assistingAgencyIds: [] });
    expect(meetingTransitionOf(row('MOBILIZE', { services: ['HOUSING'], hoursFromAcceptance: 3 }))).toMatchObject({ action: 'MOBILIZE', services: ['HOUSING'] });
    expect(meetingTransitionOf(row('MOBILIZE', {}))).toMatchObject({ services: [] });
    expect(meetingTransitionOf(row('CLOSE', { conclusion: 'RISK_LOWERED', consentStatus: 'INFORMED' }))).toMatchObject({
      action: 'CLOSE',
      conclusion: 'RISK_LOWERED',
      consentStatus: 'INFORMED',
    });
  });

  it('leaves out transitions that are not part of the minutes', () => {
    expect(meetingTransitionOf(row('WITHDRAW', {}))).toBeNull();
    expect(meetingTransitionOf(row('EDIT', { previous: {} }))).toBeNull();
    expect(meetingTransitionOf(row('SUBMIT', { reference: 'TBL-2026-0001' }))).toBeNull();
  });
});
