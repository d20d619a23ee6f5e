import { DUPLICATE_OF_PATTERN, DUPLICATE_PROBLEMS, duplicateOfProblem, parseDuplicateOf } from './duplicate';
import { SITUATION_STATUSES, SituationStatus } from './situation-state';

const ID = '5b0e7c1e-9d2a-4c39-8a47-0f0e4a6c2b11';
const OTHER = '0c9d8e7f-1a2b-4c3d-8e9f-a0b1c2d3e4f5';

describe('duplicate referrals', () => {
  it('reads a reference in any case, or an id', () => {
    expect(parseDuplicateOf('peel-2026-0012')).toEqual({ reference: 'PEEL-2026-0012' });
    expect(parseDuplicateOf(' PEEL-2026-0012 ')).toEqual({ reference: 'PEEL-2026-0012' });
    expect(parseDuplicateOf(ID.toUpperCase())).toEqual({ id: ID });
    expect(parseDuplicateOf('PEEL-26-12')).toBeNull();
    expect(parseDuplicateOf('Jane Doe')).toBeNull();
  });

  it('the DTO pattern lets through exactly what parses', () => {
    for (const v of ['peel-2026-0012', 'AB-2026-123456789', ID, 'PEEL-2026-012', 'x', "PEEL-2026-0012' OR 1=1", '%']) {
      expect(DUPLICATE_OF_PATTERN.test(v)).toBe(parseDuplicateOf(v) !== null);
    }
  });

  it('the original must exist at the table, be another referral, and not be a stub', () => {
    expect(duplicateOfProblem(ID, null)).toBe(DUPLICATE_PROBLEMS.notFound);
    expect(duplicateOfProblem(ID, { id: ID, status: 'SUBMITTED' })).toBe(DUPLICATE_PROBLEMS.self);
    const expected: Record<SituationStatus, string | null> = {
      SUBMITTED: null,
      DEFERRED: null,
      ACCEPTED: null,
      ASSIGNED: null,
      MOBILIZED: null,
      CLOSED: null,
      REJECTED: DUPLICATE_PROBLEMS.stub,
      WITHDRAWN: DUPLICATE_PROBLEMS.stub,
      DUPLICATE: DUPLICATE_PROBLEMS.stub,
    };
    for (const s of SITUATION_STATUSES) expect(duplicateOfProblem(ID, { id: OTHER, status: s })).toBe(expected[s]);
  });
});
