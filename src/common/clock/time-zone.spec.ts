import { canonicalTimeZone, localDate, startOfLocalDay } from './time-zone';

describe('time zones', () => {
  it('accepts IANA names (canonical spelling) and refuses the rest', () => {
    expect(canonicalTimeZone('America/Toronto')).toBe('America/Toronto');
    expect(canonicalTimeZone('america/toronto')).toBe('America/Toronto');
    expect(canonicalTimeZone('UTC')).toBe('UTC');
    expect(canonicalTimeZone('America/Argentina/Buenos_Aires')).toMatch(/^America\/(Argentina\/)?Buenos_Aires$/); // ICU's canonical alias
    for (const bad of ['Mars/Olympus', '+05:00', 'EST5EDT,M3.2.0', '', 'America/', '../etc/passwd', 'A'.repeat(65), 'Europe/Paris; DROP TABLE x']) {
      expect(canonicalTimeZone(bad)).toBeNull();
    }
  });

  it('finds local midnight, across daylight saving time', () => {
    expect(startOfLocalDay(2026, 1, 1, 'America/Toronto').toISOString()).toBe('2026-01-01T05:00:00.000Z');
    expect(startOfLocalDay(2026, 7, 1, 'America/Toronto').toISOString()).toBe('2026-07-01T04:00:00.000Z');
    // the days of the transitions (8 March and 1 November 2026)
    expect(startOfLocalDay(2026, 3, 8, 'America/Toronto').toISOString()).toBe('2026-03-08T05:00:00.000Z');
    expect(startOfLocalDay(2026, 3, 9, 'America/Toronto').toISOString()).toBe('2026-03-09T04:00:00.000Z');
    expect(startOfLocalDay(2026, 11, 1, 'America/Toronto').toISOString()).toBe('2026-11-01T04:00:00.000Z');
    expect(startOfLocalDay(2026, 11, 2, 'America/Toronto').toISOString()).toBe('2026-11-02T05:00:00.000Z');
    expect(startOfLocalDay(2026, 13, 1, 'America/Vancouver').toISOString()).toBe('2027-01-01T08:00:00.000Z');
    expect(startOfLocalDay(2026, 4, 1, 'Asia/Kolkata').toISOString()).toBe('2026-03-31T18:30:00.000Z');
    expect(startOfLocalDay(2026, 4, 1, 'UTC').toISOString()).toBe('2026-04-01T00:00:00.000Z');
  });

  it('finds the start of a day whose midnight a transition skips', () => {
    // Santiago springs forward at local midnight (00:00 → 01:00) on 6 September 2026
    const start = startOfLocalDay(2026, 9, 6, 'America/Santiago');
    expect(localDate(start, 'America/Santiago')).toBe('2026-09-06');
    expect(localDate(new Date(start.getTime() - 1), 'America/Santiago')).toBe('2026-09-05');
  });

  it('dates an instant in the local calendar', () => {
    expect(localDate(new Date('2026-07-01T03:59:59Z'), 'America/Toronto')).toBe('2026-06-30');
    expect(localDate(new Date('2026-07-01T04:00:00Z'), 'America/Toronto')).toBe('2026-07-01');
    expect(localDate(new Date('2026-07-01T04:00:00Z'), 'UTC')).toBe('2026-07-01');
  });
});
