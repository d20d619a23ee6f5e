import { lastQuarterOf } from './quarters';

describe('lastQuarterOf (the equity trend of the period shown)', () => {
  const at = (iso: string) => new Date(iso);
  it("gives a past year's fourth quarter and a quarter itself", () => {
    expect(lastQuarterOf('2024', 'America/Toronto', at('2026-02-10T12:00:00Z'))).toBe('2024-Q4');
    expect(lastQuarterOf('2025-Q2', 'America/Toronto', at('2026-02-10T12:00:00Z'))).toBe('2025-Q2');
  });
  it("gives the current year's quarter that has begun, never one to come", () => {
    expect(lastQuarterOf('2026', 'America/Toronto', at('2026-02-10T12:00:00Z'))).toBe('2026-Q1');
    expect(lastQuarterOf('2026', 'America/Toronto', at('2026-09-30T12:00:00Z'))).toBe('2026-Q3');
    expect(lastQuarterOf('2026', 'America/Toronto', at('2026-12-05T12:00:00Z'))).toBe('2026-Q4');
  });
  it("reads the year and month in the scope's time zone", () => {
    // 1 April 02:00 UTC is still 31 March in Toronto, already 1 April in Halifax
    expect(lastQuarterOf('2026', 'America/Toronto', at('2026-04-01T02:00:00Z'))).toBe('2026-Q1');
    expect(lastQuarterOf('2026', 'America/Halifax', at('2026-04-01T04:00:00Z'))).toBe('2026-Q2');
    // New Year's Eve in Vancouver, already the next year in UTC: the year shown is still the current one
    expect(lastQuarterOf('2026', 'America/Vancouver', at('2027-01-01T05:00:00Z'))).toBe('2026-Q4');
  });
});
