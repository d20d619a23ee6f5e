import { dormancyStage, idleDays, retentionPolicyProblems } from './retention';

const DAY = 86_400_000;
const base = { identityRetentionDays: 365, reopenLimitDays: 30, dormancyFlagDays: 60, dormancyCloseDays: 120 };
const fields = (p: Partial<typeof base>) => retentionPolicyProblems({ ...base, ...p }).map((x) => x.field);

describe('retention policy (issue 17)', () => {
  it('accepts the defaults and the bounds', () => {
    expect(fields({})).toEqual([]);
    expect(fields({ identityRetentionDays: 30, dormancyFlagDays: 14, dormancyCloseDays: 28 })).toEqual([]);
    expect(fields({ identityRetentionDays: 3650, reopenLimitDays: 365, dormancyFlagDays: 365, dormancyCloseDays: 730 })).toEqual([]);
  });

  it('names the field out of bounds, or breaking a rule between two fields', () => {
    expect(fields({ identityRetentionDays: 29 })).toEqual(['identityRetentionDays']);
    expect(fields({ identityRetentionDays: 3651 })).toEqual(['identityRetentionDays']);
    expect(fields({ identityRetentionDays: 45.5 })).toEqual(['identityRetentionDays']);
    // a reopened situation needs its identity: the retention is at least the reopening period
    expect(fields({ identityRetentionDays: 60, reopenLimitDays: 90 })).toEqual(['identityRetentionDays']);
    expect(fields({ dormancyFlagDays: 13 })).toEqual(['dormancyFlagDays']);
    expect(fields({ dormancyCloseDays: 731 })).toEqual(['dormancyCloseDays']);
    expect(fields({ dormancyFlagDays: 60, dormancyCloseDays: 60 })).toEqual(['dormancyCloseDays']);
  });
});

describe('dormancy (issue 17)', () => {
  const now = new Date('2026-12-01T12:00:00Z');
  const ago = (days: number) => new Date(now.getTime() - days * DAY);
  const p = { dormancyFlagDays: 14, dormancyCloseDays: 28 };

  it('flags after the flag period, closes after the close period, only in a status not final', () => {
    expect(dormancyStage('SUBMITTED', ago(14), p, now)).toBe('ACTIVE');
    expect(dormancyStage('SUBMITTED', ago(15), p, now)).toBe('FLAG');
    expect(dormancyStage('MOBILIZED', ago(29), p, now)).toBe('CLOSE');
    for (const s of ['CLOSED', 'REJECTED', 'WITHDRAWN', 'DUPLICATE'] as const) expect(dormancyStage(s, ago(400), p, now)).toBe('ACTIVE');
    expect(idleDays(ago(15.5), now)).toBe(15);
  });
});
