import { decideKek, epochEnd, epochOfKek, KekState, newestPerEpoch, openEpoch, purgeEpoch } from './kek-policy';

const DAY = 86_400_000;
const at = (iso: string) => new Date(iso);
const kek = (id: string, createdAt: string, retiredAt: string | null = null): KekState => ({
  id,
  epoch: epochOfKek(id),
  createdAt: at(createdAt),
  retiredAt: retiredAt ? at(retiredAt) : null,
});

describe('kek-policy', () => {
  it('names epochs by UTC month: stored identities by the month of storage, closed ones by their purge month', () => {
    expect(openEpoch(at('2026-12-31T23:59:59Z'))).toBe('open-2026-12');
    expect(openEpoch(at('2027-01-01T00:00:00Z'))).toBe('open-2027-01');
    expect(purgeEpoch(at('2027-03-15T12:00:00Z'))).toBe('purge-2027-03');
    expect(epochOfKek('purge-2027-03.0123456789abcdef')).toBe('purge-2027-03');
  });

  it('ends an epoch at the first instant of the next month (December rolls over the year)', () => {
    expect(epochEnd('open-2026-12').toISOString()).toBe('2027-01-01T00:00:00.000Z');
    expect(epochEnd('purge-2027-02').toISOString()).toBe('2027-03-01T00:00:00.000Z');
    expect(() => epochEnd('2027-02')).toThrow();
  });

  describe('decideKek', () => {
    const k = kek('purge-2027-01.0123456789abcdef', '2026-12-03T00:00:00Z');
    const afterEpoch = at('2027-02-01T00:00:00Z');

    it('keeps a KEK that still wraps a live row, whatever its age', () => {
      expect(decideKek(k, 1, false, at('2030-01-01T00:00:00Z'), 35)).toBe('keep');
    });

    it('keeps a KEK whose epoch still takes new keys, even with no live row', () => {
      expect(decideKek(k, 0, false, at('2027-01-31T23:59:59Z'), 35)).toBe('keep');
    });

    it('retires a KEK once its epoch has ended and no live row needs it', () => {
      expect(decideKek(k, 0, false, afterEpoch, 35)).toBe('retire');
    });

    it('retires a superseded KEK (after --reencrypt) before its epoch ends', () => {
      expect(decideKek(k, 0, true, at('2027-01-10T00:00:00Z'), 35)).toBe('retire');
    });

    it('destroys it only a backup retention after its retirement', () => {
      const retired = { ...k, retiredAt: afterEpoch };
      expect(decideKek(retired, 0, false, new Date(afterEpoch.getTime() + 35 * DAY - 1), 35)).toBe('keep');
      expect(decideKek(retired, 0, false, new Date(afterEpoch.getTime() + 35 * DAY), 35)).toBe('destroy');
      expect(decideKek(retired, 0, false, afterEpoch, 0)).toBe('destroy');
    });

    it('un-retires a retired KEK that a live row uses again (a late writer), so it is not destroyed under it', () => {
      expect(decideKek({ ...k, retiredAt: afterEpoch }, 2, false, at('2030-01-01T00:00:00Z'), 35)).toBe('unretire');
    });
  });

  it('finds the newest KEK of each epoch (creation time, then id)', () => {
    const keks = [
      kek('open-2026-12.00000000000000aa', '2026-12-01T00:00:00Z'),
      kek('open-2026-12.00000000000000bb', '2026-12-05T00:00:00Z'),
      kek('open-2026-12.00000000000000cc', '2026-12-05T00:00:00Z'),
      kek('purge-2027-01.00000000000000dd', '2026-12-02T00:00:00Z'),
    ];
    const newest = newestPerEpoch(keks);
    expect(newest.get('open-2026-12')?.id).toBe('open-2026-12.00000000000000cc');
    expect(newest.get('purge-2027-01')?.id).toBe('purge-2027-01.00000000000000dd');
  });
});
