import { reopenDeadline, reopenedStatus, reopenRefusal } from './reopen';

const D = 86_400_000;
const now = new Date('2026-03-10T12:00:00Z');
const ago = (days: number) => new Date(now.getTime() - days * D);
const closed = (days: number, purge: Partial<{ identityPurgeAt: Date | null; identityPurgedAt: Date | null }> = {}) => ({
  status: 'CLOSED' as const,
  closedAt: ago(days),
  identityPurgeAt: new Date(now.getTime() + 60 * D),
  identityPurgedAt: null,
  ...purge,
});

describe('reopening a closed situation', () => {
  it('is allowed within the period', () => {
    expect(reopenRefusal(closed(1), 30, now)).toBeNull();
    expect(reopenRefusal(closed(30), 30, now)).toBeNull();
  });

  it('is refused past the period, or when the table never allows it', () => {
    expect(reopenRefusal(closed(30.01), 30, now)).toBe('REOPEN_PERIOD_OVER');
    expect(reopenRefusal(closed(0), 0, now)).toBe('REOPEN_NOT_ALLOWED');
  });

  it('is refused once the identity is purged or past its purge date, before the period', () => {
    expect(reopenRefusal(closed(1, { identityPurgedAt: ago(0.5) }), 30, now)).toBe('IDENTITY_PURGED');
    expect(reopenRefusal(closed(1, { identityPurgeAt: ago(0.1) }), 30, now)).toBe('IDENTITY_PURGED');
    expect(reopenRefusal(closed(400, { identityPurgedAt: ago(1) }), 30, now)).toBe('IDENTITY_PURGED');
  });

  it('applies only to a closed situation', () => {
    for (const status of ['SUBMITTED', 'ACCEPTED', 'ASSIGNED', 'MOBILIZED', 'REJECTED', 'WITHDRAWN'] as const) {
      expect(reopenRefusal({ status, closedAt: null, identityPurgeAt: null, identityPurgedAt: null }, 30, now)).toBe('NOT_CLOSED');
    }
  });

  it('returns to the status it was closed from', () => {
    expect(reopenedStatus('MOBILIZED', new Date())).toBe('MOBILIZED');
    expect(reopenedStatus('ASSIGNED', null)).toBe('ASSIGNED');
    expect(reopenedStatus(null, new Date())).toBe('MOBILIZED');
    expect(reopenedStatus(null, null)).toBe('ASSIGNED');
  });

  it('has a deadline only when the table allows reopening', () => {
    expect(reopenDeadline(ago(0), 30)).toEqual(new Date(now.getTime() + 30 * D));
    expect(reopenDeadline(ago(0), 0)).toBeNull();
  });
});
