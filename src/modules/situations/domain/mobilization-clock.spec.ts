import { isMobilizationOverdue, mobilizationClock, startedBefore } from './mobilization-clock';

const H = 3_600_000;
const now = new Date('2026-03-10T12:00:00Z');
const ago = (hours: number) => new Date(now.getTime() - hours * H);

describe('the 48-hour clock', () => {
  it('counts from the decision while accepted and not assigned', () => {
    const c = mobilizationClock({ status: 'ACCEPTED', decidedAt: ago(10), lastAssignedAt: null }, now)!;
    expect(c.from).toBe('DECISION');
    expect(c.startedAt).toEqual(ago(10));
    expect(c.dueAt).toEqual(new Date(ago(10).getTime() + 48 * H));
    expect(c.warnAt).toEqual(new Date(ago(10).getTime() + 24 * H));
    expect(c.stage).toBe('RUNNING');
  });

  it('counts from the latest assignment once assigned, not from the decision', () => {
    const c = mobilizationClock({ status: 'ASSIGNED', decidedAt: ago(100), lastAssignedAt: ago(5) }, now)!;
    expect(c.from).toBe('ASSIGNMENT');
    expect(c.startedAt).toEqual(ago(5));
    expect(c.stage).toBe('RUNNING');
    expect(isMobilizationOverdue({ status: 'ASSIGNED', decidedAt: ago(100), lastAssignedAt: ago(5) }, now)).toBe(false);
  });

  it('warns after 24 hours and is overdue after 48 (strictly)', () => {
    const at = (h: number) => mobilizationClock({ status: 'ASSIGNED', decidedAt: ago(200), lastAssignedAt: ago(h) }, now)!.stage;
    expect(at(24)).toBe('RUNNING');
    expect(at(25)).toBe('WARNING');
    expect(at(48)).toBe('WARNING');
    expect(at(49)).toBe('OVERDUE');
    const c = mobilizationClock({ status: 'ACCEPTED', decidedAt: ago(51.5), lastAssignedAt: null }, now)!;
    expect(c.hoursElapsed).toBe(51);
    expect(c.hoursOverdue).toBe(3);
  });

  it('does not run once mobilised, closed, or before a decision', () => {
    for (const status of ['SUBMITTED', 'DEFERRED', 'MOBILIZED', 'CLOSED', 'REJECTED', 'WITHDRAWN'] as const) {
      expect(mobilizationClock({ status, decidedAt: ago(100), lastAssignedAt: ago(90) }, now)).toBeNull();
    }
    expect(mobilizationClock({ status: 'ACCEPTED', decidedAt: null, lastAssignedAt: null }, now)).toBeNull();
  });

  it('an assigned situation without a recorded assignment time falls back to its decision', () => {
    expect(mobilizationClock({ status: 'ASSIGNED', decidedAt: ago(49), lastAssignedAt: null }, now)!.from).toBe('DECISION');
  });

  it('startedBefore is the bound the SQL filters compare the start with', () => {
    expect(startedBefore(now, 48)).toEqual(ago(48));
    // a clock started just before the bound is overdue, at the bound it is not
    expect(isMobilizationOverdue({ status: 'ACCEPTED', decidedAt: new Date(ago(48).getTime() - 1), lastAssignedAt: null }, now)).toBe(true);
    expect(isMobilizationOverdue({ status: 'ACCEPTED', decidedAt: ago(48), lastAssignedAt: null }, now)).toBe(false);
  });
});
