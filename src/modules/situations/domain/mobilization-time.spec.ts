import { FUTURE_TOLERANCE_MS, mobilizationTimeProblem, toSecond } from './mobilization-time';

const at = (iso: string): Date => new Date(iso);

describe('mobilizationTimeProblem', () => {
  const now = at('2026-03-10T15:00:00.000Z');
  const decidedAt = at('2026-03-10T12:00:00.700Z');

  it('accepts a mobilisation in the same second as the decision, sent truncated to the second', () => {
    expect(mobilizationTimeProblem(at('2026-03-10T12:00:00.000Z'), now, decidedAt)).toBeNull();
    expect(mobilizationTimeProblem(at('2026-03-10T12:00:00.699Z'), now, decidedAt)).toBeNull();
    expect(mobilizationTimeProblem(at('2026-03-10T12:00:00.700Z'), now, decidedAt)).toBeNull();
  });

  it('refuses a mobilisation in an earlier second than the decision', () => {
    expect(mobilizationTimeProblem(at('2026-03-10T11:59:59.999Z'), now, decidedAt)).toBe('must not be before the decision');
    expect(mobilizationTimeProblem(at('2026-03-10T11:59:59.000Z'), now, decidedAt)).toBe('must not be before the decision');
    expect(mobilizationTimeProblem(at('2001-02-03T04:05:06Z'), now, decidedAt)).toBe('must not be before the decision');
  });

  it('accepts any past time when there is no decision', () => {
    expect(mobilizationTimeProblem(at('2001-02-03T04:05:06Z'), now, null)).toBeNull();
  });

  it('tolerates five minutes in the future, not more', () => {
    expect(FUTURE_TOLERANCE_MS).toBe(300_000);
    expect(mobilizationTimeProblem(new Date(now.getTime() + 300_000), now, decidedAt)).toBeNull();
    expect(mobilizationTimeProblem(new Date(now.getTime() + 300_001), now, decidedAt)).toBe('must not be in the future');
    expect(mobilizationTimeProblem(new Date(now.getTime() + 86_400_000), now, null)).toBe('must not be in the future');
  });

  it('checks the future before the decision', () => {
    const later = new Date(now.getTime() + 3_600_000);
    expect(mobilizationTimeProblem(later, now, new Date(later.getTime() + 1000))).toBe('must not be in the future');
  });
});

describe('toSecond', () => {
  it('truncates toward the past, before 1970 too', () => {
    expect(toSecond(at('2026-03-10T12:00:00.700Z')).toISOString()).toBe('2026-03-10T12:00:00.000Z');
    expect(toSecond(at('2026-03-10T12:00:00.000Z')).toISOString()).toBe('2026-03-10T12:00:00.000Z');
    expect(toSecond(at('1969-12-31T23:59:59.500Z')).toISOString()).toBe('1969-12-31T23:59:59.000Z');
  });
});
