import type { TableRole } from '../../../common/authz/roles';
import { SITUATION_STATUSES, SituationStatus } from './situation-state';
import { mayTake, precheck, PrecheckRow, SituationStep, STEP_RULES, stepRoles } from './write-rules';

const POLICE = 'agency-police';
const HOUSING = 'agency-housing';
const HEALTH = 'agency-health';
const SCHOOL = 'agency-school';

const row = (status: SituationStatus, extra: Partial<PrecheckRow> = {}): PrecheckRow => ({
  status,
  version: 3,
  originatingAgencyId: POLICE,
  leadAgencyId: HOUSING,
  assistingAgencyIds: [HEALTH],
  identityPurgedAt: null,
  ...extra,
});
const ALL_ROLES: TableRole[] = ['COORDINATOR', 'AGENCY_REP', 'PRIVACY_OFFICER', 'ANALYST'];

describe('write rules: who may take each step, and the order of refusals', () => {
  it('declares the route roles of each step', () => {
    expect(stepRoles('DECIDE')).toEqual(['COORDINATOR']);
    expect(stepRoles('EDIT')).toEqual(['COORDINATOR', 'AGENCY_REP']);
    expect(stepRoles('WITHDRAW')).toEqual(['COORDINATOR', 'AGENCY_REP']);
    expect(stepRoles('MARK_DUPLICATE')).toEqual(['COORDINATOR']);
    expect(stepRoles('ASSIGN')).toEqual(['COORDINATOR']);
    expect(stepRoles('ANSWER_LEAD')).toEqual(['AGENCY_REP']);
    expect(stepRoles('MOBILIZE')).toEqual(['COORDINATOR', 'AGENCY_REP']);
    expect(stepRoles('POST_UPDATE')).toEqual(['COORDINATOR', 'AGENCY_REP']);
    expect(stepRoles('CLOSE')).toEqual(['COORDINATOR']);
    expect(stepRoles('REOPEN')).toEqual(['COORDINATOR']);
    expect(stepRoles('WRITE_IDENTITY')).toEqual(['AGENCY_REP']);
    expect(stepRoles('READ_IDENTITY')).toEqual(['AGENCY_REP']);
  });

  it('identity: only an AGENCY_REP of an agency with standing, whatever other roles an agency holds', () => {
    const standing = { originating: true, lead: true, assisting: true };
    for (const role of ['COORDINATOR', 'PRIVACY_OFFICER', 'ANALYST'] as TableRole[]) {
      expect(mayTake('READ_IDENTITY', [role], standing)).toBe(false);
      expect(mayTake('WRITE_IDENTITY', [role], standing)).toBe(false);
    }
    expect(mayTake('READ_IDENTITY', ['AGENCY_REP'], { originating: false, lead: false, assisting: true })).toBe(true);
    expect(mayTake('WRITE_IDENTITY', ['AGENCY_REP'], { originating: false, lead: false, assisting: true })).toBe(false);
    expect(mayTake('WRITE_IDENTITY', ['AGENCY_REP'], { originating: false, lead: true, assisting: false })).toBe(true);
    expect(mayTake('READ_IDENTITY', ['AGENCY_REP', 'COORDINATOR'], { originating: false, lead: false, assisting: false })).toBe(false);
  });

  it('a coordinator mobilises and posts updates without standing; a representative needs lead or assisting', () => {
    const none = { originating: false, lead: false, assisting: false };
    for (const step of ['MOBILIZE', 'POST_UPDATE'] as SituationStep[]) {
      expect(mayTake(step, ['COORDINATOR'], none)).toBe(true);
      expect(mayTake(step, ['AGENCY_REP'], none)).toBe(false);
      expect(mayTake(step, ['AGENCY_REP'], { ...none, originating: true })).toBe(false);
      expect(mayTake(step, ['AGENCY_REP'], { ...none, assisting: true })).toBe(true);
    }
  });

  it.each(Object.keys(STEP_RULES) as SituationStep[])('%s: standing is refused before state and version, in every status', (step) => {
    for (const status of SITUATION_STATUSES) {
      // school is nowhere involved and holds every role but the one that acts without standing
      const roles = ALL_ROLES.filter((r) => !STEP_RULES[step].byRole.includes(r));
      const refusal = precheck(step, { roles, agencyId: SCHOOL }, row(status, { identityPurgedAt: new Date() }), 99);
      expect(refusal?.kind).toBe('standing');
    }
  });

  it('state before version; version only once the state applies; purge (410) before state for reads', () => {
    const coordinator = { roles: ['COORDINATOR'] as TableRole[], agencyId: HEALTH };
    expect(precheck('CLOSE', coordinator, row('ACCEPTED'), 99)).toEqual({ kind: 'state', status: 'ACCEPTED', action: 'CLOSE' });
    expect(precheck('CLOSE', coordinator, row('ASSIGNED'), 99)).toEqual({ kind: 'version', expected: 99, actual: 3 });
    expect(precheck('CLOSE', coordinator, row('MOBILIZED'), 3)).toBeNull();
    expect(precheck('DECIDE', coordinator, row('SUBMITTED'))).toBeNull();
    expect(precheck('DECIDE', coordinator, row('ACCEPTED'))?.kind).toBe('state');
    const rep = { roles: ['AGENCY_REP'] as TableRole[], agencyId: POLICE };
    expect(precheck('READ_IDENTITY', rep, row('CLOSED', { identityPurgedAt: new Date() }))).toEqual({ kind: 'gone' });
    expect(precheck('READ_IDENTITY', rep, row('ACCEPTED', { leadAgencyId: null, assistingAgencyIds: [] }))?.kind).toBe('state');
    expect(precheck('READ_IDENTITY', rep, row('CLOSED'))).toBeNull();
    expect(precheck('WRITE_IDENTITY', rep, row('CLOSED'))?.kind).toBe('state');
  });

  it("edit: only the originating agency (intake's rule), while SUBMITTED or DEFERRED, then the version", () => {
    const none = { originating: false, lead: false, assisting: false };
    expect(mayTake('EDIT', ['AGENCY_REP'], { ...none, originating: true })).toBe(true);
    expect(mayTake('EDIT', ['COORDINATOR'], { ...none, originating: true })).toBe(true);
    expect(mayTake('EDIT', ['COORDINATOR'], none)).toBe(false);
    expect(mayTake('EDIT', ['AGENCY_REP'], { ...none, lead: true, assisting: true })).toBe(false);
    expect(mayTake('EDIT', ['PRIVACY_OFFICER', 'ANALYST'], { ...none, originating: true })).toBe(false);
    const rep = { roles: ['AGENCY_REP'] as TableRole[], agencyId: POLICE };
    expect(precheck('EDIT', rep, row('SUBMITTED'))).toBeNull();
    expect(precheck('EDIT', rep, row('DEFERRED'), 3)).toBeNull();
    expect(precheck('EDIT', rep, row('DEFERRED'), 2)).toEqual({ kind: 'version', expected: 2, actual: 3 });
    for (const status of SITUATION_STATUSES.filter((s) => s !== 'SUBMITTED' && s !== 'DEFERRED')) {
      expect(precheck('EDIT', rep, row(status))).toEqual({ kind: 'state', status, action: 'EDIT' });
    }
  });

  it('decide covers deferring: a coordinator decides or defers a SUBMITTED referral, decides a DEFERRED one', () => {
    const coordinator = { roles: ['COORDINATOR'] as TableRole[], agencyId: HEALTH };
    expect(STEP_RULES.DECIDE.actions).toContain('DEFER');
    expect(precheck('DECIDE', coordinator, row('DEFERRED'))).toBeNull();
    expect(precheck('DECIDE', { roles: ['AGENCY_REP'], agencyId: POLICE }, row('SUBMITTED'))?.kind).toBe('standing');
  });

  it("answer the lead: only the lead agency's representatives, while ASSIGNED", () => {
    const none = { originating: false, lead: false, assisting: false };
    expect(mayTake('ANSWER_LEAD', ['AGENCY_REP'], { ...none, lead: true })).toBe(true);
    expect(mayTake('ANSWER_LEAD', ['COORDINATOR'], { ...none, lead: true })).toBe(false);
    expect(mayTake('ANSWER_LEAD', ['AGENCY_REP'], { ...none, assisting: true, originating: true })).toBe(false);
    const lead = { roles: ['AGENCY_REP'] as TableRole[], agencyId: HOUSING };
    const assigned = row('ASSIGNED');
    expect(precheck('ANSWER_LEAD', lead, assigned)).toBeNull();
    for (const other of [POLICE, HEALTH, SCHOOL]) expect(precheck('ANSWER_LEAD', { roles: ['AGENCY_REP'], agencyId: other }, assigned)?.kind).toBe('standing');
    expect(precheck('ANSWER_LEAD', { roles: ['COORDINATOR'], agencyId: HOUSING }, assigned)?.kind).toBe('standing');
    expect(precheck('ANSWER_LEAD', lead, { ...assigned, status: 'MOBILIZED' })).toEqual({ kind: 'state', status: 'MOBILIZED', action: 'ACCEPT_LEAD' });
    expect(precheck('ANSWER_LEAD', lead, { ...assigned, leadAnswer: 'ACCEPTED' }, 3)).toEqual({ kind: 'answered' });
    expect(precheck('ANSWER_LEAD', lead, { ...assigned, leadAnswer: 'ACCEPTED' }, 2)).toEqual({ kind: 'answered' });
    expect(precheck('ANSWER_LEAD', lead, assigned, 2)?.kind).toBe('version');
  });

  it('reopen: a coordinator only, a CLOSED situation only, gone (410) once its identity is purged', () => {
    const coordinator = { roles: ['COORDINATOR'] as TableRole[], agencyId: HEALTH };
    expect(precheck('REOPEN', coordinator, row('CLOSED'), 3)).toBeNull();
    expect(precheck('REOPEN', coordinator, row('CLOSED'), 2)).toEqual({ kind: 'version', expected: 2, actual: 3 });
    expect(precheck('REOPEN', coordinator, row('CLOSED', { identityPurgedAt: new Date() }))).toEqual({ kind: 'gone' });
    for (const status of SITUATION_STATUSES.filter((x) => x !== 'CLOSED')) {
      expect(precheck('REOPEN', coordinator, row(status))).toEqual({ kind: 'state', status, action: 'REOPEN' });
    }
    // the lead agency's representative may not, whatever its standing
    expect(precheck('REOPEN', { roles: ['AGENCY_REP'], agencyId: HOUSING }, row('CLOSED'))?.kind).toBe('standing');
  });

  it("the closure's system barriers change under the reopening's rule: a coordinator, a CLOSED situation, gone once purged", () => {
    const coordinator = { roles: ['COORDINATOR'] as TableRole[], agencyId: HEALTH };
    expect(stepRoles('CHANGE_BARRIERS')).toEqual(['COORDINATOR']);
    expect(precheck('CHANGE_BARRIERS', coordinator, row('CLOSED'), 3)).toBeNull();
    expect(precheck('CHANGE_BARRIERS', coordinator, row('CLOSED'), 4)).toEqual({ kind: 'version', expected: 4, actual: 3 });
    expect(precheck('CHANGE_BARRIERS', coordinator, row('CLOSED', { identityPurgedAt: new Date() }))).toEqual({ kind: 'gone' });
    for (const status of SITUATION_STATUSES.filter((x) => x !== 'CLOSED')) expect(precheck('CHANGE_BARRIERS', coordinator, row(status))?.kind).toBe('state');
    for (const roles of [['AGENCY_REP'], ['PRIVACY_OFFICER'], ['ANALYST']] as TableRole[][])
      expect(precheck('CHANGE_BARRIERS', { roles, agencyId: HOUSING }, row('CLOSED'))?.kind).toBe('standing');
  });
});
