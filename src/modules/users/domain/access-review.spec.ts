import { reviewState } from './access-review';

const DAY = 86_400_000;
const t0 = new Date('2026-01-01T00:00:00Z');
const at = (days: number) => new Date(t0.getTime() + days * DAY);

describe('access review: the state of a grant', () => {
  it('is NEW within the grace period after the grant, then UNCERTIFIED', () => {
    expect(reviewState({ grantedAt: t0, lastCertifiedAt: null, periodDays: 90, now: at(29) })).toEqual({ status: 'NEW', dueAt: at(30), uncertified: false });
    expect(reviewState({ grantedAt: t0, lastCertifiedAt: null, periodDays: 90, now: at(30) })).toMatchObject({ status: 'UNCERTIFIED', uncertified: true });
  });

  it('is CERTIFIED for one period after the last certification, then UNCERTIFIED', () => {
    expect(reviewState({ grantedAt: t0, lastCertifiedAt: at(10), periodDays: 90, now: at(99) })).toEqual({ status: 'CERTIFIED', dueAt: at(100), uncertified: false });
    expect(reviewState({ grantedAt: t0, lastCertifiedAt: at(10), periodDays: 90, now: at(100) })).toMatchObject({ status: 'UNCERTIFIED', dueAt: at(100) });
  });

  it('ignores a certification older than the grant (a role revoked and granted again starts over)', () => {
    expect(reviewState({ grantedAt: at(50), lastCertifiedAt: at(10), periodDays: 90, now: at(60) })).toEqual({ status: 'NEW', dueAt: at(80), uncertified: false });
  });

  it('never gives more grace than the period', () => {
    expect(reviewState({ grantedAt: t0, lastCertifiedAt: null, periodDays: 30, now: t0 }).dueAt).toEqual(at(30));
  });
});
