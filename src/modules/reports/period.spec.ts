import { isPeriod, parsePeriod, Period, quartersThrough } from './period';

const NOW = new Date('2026-12-03T05:00:00Z');
const TZ = 'America/Toronto';

describe('report periods', () => {
  it("reads a year, a quarter and a month, in the table's time zone", () => {
    expect(parsePeriod('2026', TZ, NOW)).toEqual({ code: '2026', kind: 'YEAR', from: new Date('2026-01-01T05:00:00Z'), to: new Date('2027-01-01T05:00:00Z'), timeZone: TZ });
    expect(parsePeriod('2026-Q3', TZ, NOW)).toEqual({
      code: '2026-Q3',
      kind: 'QUARTER',
      from: new Date('2026-07-01T04:00:00Z'),
      to: new Date('2026-10-01T04:00:00Z'),
      timeZone: TZ,
    });
    expect(parsePeriod('2026-Q4', TZ, NOW)).toMatchObject({ from: new Date('2026-10-01T04:00:00Z'), to: new Date('2027-01-01T05:00:00Z') });
    expect(parsePeriod('2026-07', TZ, NOW)).toEqual({ code: '2026-07', kind: 'MONTH', from: new Date('2026-07-01T04:00:00Z'), to: new Date('2026-08-01T04:00:00Z'), timeZone: TZ });
    expect(parsePeriod('2026-07', 'Asia/Tokyo', NOW)).toMatchObject({ from: new Date('2026-06-30T15:00:00Z') });
  });

  it('defaults to the current local year (a new year begins at local midnight)', () => {
    expect(parsePeriod(undefined, TZ, NOW)).toMatchObject({ code: '2026', kind: 'YEAR' });
    expect(parsePeriod(undefined, TZ, new Date('2027-01-01T04:59:59Z'))).toMatchObject({ code: '2026' });
    expect(parsePeriod(undefined, TZ, new Date('2027-01-01T05:00:00Z'))).toMatchObject({ code: '2027' });
  });

  it('tiles: the months of a quarter and the quarters of a year meet end to start', () => {
    for (let q = 1; q <= 4; q++) {
      const quarter = parsePeriod(`2025-Q${q}`, TZ, NOW);
      if (!isPeriod(quarter)) throw new Error('quarter');
      const months = [0, 1, 2].map((i) => parsePeriod(`2025-${String((q - 1) * 3 + 1 + i).padStart(2, '0')}`, TZ, NOW));
      if (!months.every(isPeriod)) throw new Error('month');
      const ms = months as Exclude<(typeof months)[number], { problem: string }>[];
      expect(ms[0].from).toEqual(quarter.from);
      expect(ms[0].to).toEqual(ms[1].from);
      expect(ms[1].to).toEqual(ms[2].from);
      expect(ms[2].to).toEqual(quarter.to);
    }
  });

  it.each(['2026-Q5', '2026-Q0', '2026-13', '2026-00', '2026-7', '2026-q3', '26', '20260', 'garbage', '', ' 2026', '2026-07-01', '2026-W12', '2026-H1', '２０２６'])(
    'refuses %j',
    (code) => {
      const p = parsePeriod(code, TZ, NOW);
      expect(isPeriod(p)).toBe(false);
      expect(p).toEqual({ problem: 'is not a year (2026), a quarter (2026-Q3) or a month (2026-07)' });
    },
  );

  it('refuses years before 2000 and periods that have not begun', () => {
    expect(parsePeriod('1900', TZ, NOW)).toEqual({ problem: 'must be a year from 2000 on' });
    expect(parsePeriod('1999-12', TZ, NOW)).toEqual({ problem: 'must be a year from 2000 on' });
    expect(parsePeriod('2027', TZ, NOW)).toEqual({ problem: 'begins in the future' });
    expect(parsePeriod('9999-Q1', TZ, NOW)).toEqual({ problem: 'begins in the future' });
    expect(isPeriod(parsePeriod('2026-12', TZ, NOW))).toBe(true);
  });
});

describe('quartersThrough: the quarters of a trend', () => {
  const codes = (x: ReturnType<typeof quartersThrough>) => (x as Period[]).map((p) => p.code);

  it('ends by default with the last quarter that has ended, local to the table, 8 of them oldest first', () => {
    expect(codes(quartersThrough(undefined, TZ, NOW))).toEqual(['2024-Q4', '2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4', '2026-Q1', '2026-Q2', '2026-Q3']);
    // 1 January 03:00 UTC is still 31 December in Toronto: the last ended quarter is the year before's third
    expect(codes(quartersThrough(undefined, TZ, new Date('2027-01-01T03:00:00Z'))).at(-1)).toBe('2026-Q3');
    expect(codes(quartersThrough(undefined, TZ, new Date('2027-01-01T06:00:00Z'))).at(-1)).toBe('2026-Q4');
  });

  it('follows one after the other, each ending where the next begins', () => {
    const q = quartersThrough('2026-Q2', TZ, NOW) as Period[];
    expect(q).toHaveLength(8);
    for (let i = 1; i < q.length; i++) expect(q[i].from.getTime()).toBe(q[i - 1].to.getTime());
  });

  it('refuses what is not a quarter, a quarter to come and one before 2000, and leaves out the quarters before 2000', () => {
    expect(quartersThrough('2026', TZ, NOW)).toEqual({ problem: 'is not a quarter (2026-Q3)' });
    expect(quartersThrough('2026-07', TZ, NOW)).toEqual({ problem: 'is not a quarter (2026-Q3)' });
    expect(quartersThrough('2027-Q1', TZ, NOW)).toEqual({ problem: 'begins in the future' });
    expect(quartersThrough('1999-Q4', TZ, NOW)).toEqual({ problem: 'must be a year from 2000 on' });
    expect(codes(quartersThrough('2000-Q3', TZ, NOW))).toEqual(['2000-Q1', '2000-Q2', '2000-Q3']);
  });
});
