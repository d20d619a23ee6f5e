import { agencyMobilizationProblem, agencyMobilizations, agencyRoleOf, mayRecordFor, mobilizationAction, mobilizingAgency, servicesChange } from './agency-mobilization';

const s = { leadAgencyId: 'lead', assistingAgencyIds: ['a1', 'a2'] };
const at = new Date('2026-12-01T10:00:00Z');

describe('mobilisation per agency (issue 16)', () => {
  it('knows the role of each agency in the current assignment', () => {
    expect(agencyRoleOf(s, 'lead')).toBe('LEAD');
    expect(agencyRoleOf(s, 'a2')).toBe('ASSISTING');
    expect(agencyRoleOf(s, 'other')).toBeNull();
    expect(agencyRoleOf(s, null)).toBeNull();
    expect(agencyRoleOf({ leadAgencyId: null, assistingAgencyIds: [] }, 'lead')).toBeNull();
  });

  it('lists the lead first, then the assisting agencies, each with its mobilisation or none', () => {
    expect(agencyMobilizations(s, [{ agencyId: 'a2', role: 'ASSISTING', mobilizedAt: at, services: ['COUNSELLING'] }])).toEqual([
      { agencyId: 'lead', role: 'LEAD', mobilizedAt: null, services: [] },
      { agencyId: 'a1', role: 'ASSISTING', mobilizedAt: null, services: [] },
      { agencyId: 'a2', role: 'ASSISTING', mobilizedAt: at.toISOString(), services: ['COUNSELLING'] },
    ]);
    expect(agencyMobilizations({ leadAgencyId: null, assistingAgencyIds: [] }, [])).toEqual([]);
  });

  it('records for the agency named, else a representative its own, a coordinator the lead', () => {
    expect(mobilizingAgency('a1', { coordinator: true, agencyId: 'x' }, 'lead')).toBe('a1');
    expect(mobilizingAgency(undefined, { coordinator: true, agencyId: 'a1' }, 'lead')).toBe('lead');
    expect(mobilizingAgency(undefined, { coordinator: false, agencyId: 'a1' }, 'lead')).toBe('a1');
    expect(mayRecordFor('a1', { coordinator: false, agencyId: 'a1' })).toBe(true);
    expect(mayRecordFor('lead', { coordinator: false, agencyId: 'a1' })).toBe(false);
    expect(mayRecordFor(null, { coordinator: false, agencyId: null })).toBe(false);
    expect(mayRecordFor('anyone', { coordinator: true, agencyId: null })).toBe(true);
  });

  it("only the lead's mobilisation of an ASSIGNED situation changes the status", () => {
    expect(mobilizationAction('ASSIGNED', 'LEAD')).toBe('MOBILIZE');
    expect(mobilizationAction('ASSIGNED', 'ASSISTING')).toBe('MOBILIZE_AGENCY');
    expect(mobilizationAction('MOBILIZED', 'LEAD')).toBe('MOBILIZE_AGENCY');
    expect(mobilizationAction('MOBILIZED', 'ASSISTING')).toBe('MOBILIZE_AGENCY');
  });

  it('refuses an agency outside the assignment, and a second mobilisation of one agency', () => {
    expect(agencyMobilizationProblem(s, 'other', [])).toBe('NOT_INTERVENING');
    expect(agencyMobilizationProblem(s, 'a1', [{ agencyId: 'a1' }])).toBe('AGENCY_ALREADY_MOBILIZED');
    expect(agencyMobilizationProblem(s, 'a1', [{ agencyId: 'lead' }])).toBeNull();
  });

  it('tells the codes added and removed by a change of services', () => {
    expect(servicesChange(['A', 'B'], ['B', 'C'])).toEqual({ added: ['C'], removed: ['A'] });
    expect(servicesChange(['A'], ['A'])).toEqual({ added: [], removed: [] });
  });
});
