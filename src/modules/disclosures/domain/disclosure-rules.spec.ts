import { authorityRefusal, closureConsentProblem, consentTimeProblem, noticeDueAt, noticeStatus, recordedTimeProblem, type AuthorityConditions } from './disclosure-rules';

const DAY = 86_400_000;
const MFIPPA: AuthorityConditions = {
  code: 'MFIPPA_S32_H',
  sectors: ['POLICE', 'HOUSING'],
  requires: { notice: { withinDays: 7, method: 'MAIL_LAST_KNOWN_ADDRESS' }, consent: false },
  retired: false,
};
const CONSENT: AuthorityConditions = { code: 'CONSENT', sectors: [], requires: { notice: null, consent: true }, retired: false };

describe('disclosure rules (issue 17)', () => {
  it('refuses an unknown or retired authority, or one the sector may not rely on; an empty list is any sector', () => {
    expect(authorityRefusal(undefined, 'POLICE')).toBe('UNKNOWN');
    expect(authorityRefusal({ ...MFIPPA, retired: true }, 'POLICE')).toBe('RETIRED');
    expect(authorityRefusal(MFIPPA, 'HEALTH')).toBe('SECTOR');
    expect(authorityRefusal(MFIPPA, null)).toBe('SECTOR');
    expect(authorityRefusal(MFIPPA, 'HOUSING')).toBeNull();
    expect(authorityRefusal(CONSENT, 'OTHER')).toBeNull();
  });

  it('notice is due withinDays after the disclosure; its status: not required, pending, given, overdue', () => {
    const at = new Date('2026-07-01T12:00:00Z');
    const due = noticeDueAt(MFIPPA, at)!;
    expect(due.getTime() - at.getTime()).toBe(7 * DAY);
    expect(noticeDueAt(CONSENT, at)).toBeNull();
    expect(noticeStatus({ noticeDueAt: null, noticeGivenAt: null }, at)).toBe('NOT_REQUIRED');
    expect(noticeStatus({ noticeDueAt: due, noticeGivenAt: null }, new Date(due.getTime()))).toBe('PENDING');
    expect(noticeStatus({ noticeDueAt: due, noticeGivenAt: null }, new Date(due.getTime() + 1))).toBe('OVERDUE');
    expect(noticeStatus({ noticeDueAt: due, noticeGivenAt: new Date(due.getTime() + DAY) }, new Date(due.getTime() + 2 * DAY))).toBe('GIVEN');
  });

  it('a notice is not dated before the disclosure nor in the future; a consent within a year before it', () => {
    const now = new Date('2026-07-10T00:00:00Z');
    const disclosed = new Date('2026-07-01T00:00:00Z');
    expect(recordedTimeProblem(new Date(now.getTime() + 1), now, disclosed)).toBe('must not be in the future');
    expect(recordedTimeProblem(new Date(disclosed.getTime() - 1), now, disclosed)).toBe('must not be before the disclosure');
    expect(recordedTimeProblem(disclosed, now, disclosed)).toBeNull();
    expect(consentTimeProblem(new Date(disclosed.getTime() - 366 * DAY), now, disclosed)).toMatch(/within 365 days/);
    expect(consentTimeProblem(new Date(disclosed.getTime() - 30 * DAY), now, disclosed)).toBeNull();
  });

  it('closure: persons are never NOT_APPLICABLE; a disclosure under consent needs OBTAINED', () => {
    expect(closureConsentProblem('PERSON', 'NOT_APPLICABLE', false)).toBe('NOT_APPLICABLE_FOR_PERSONS');
    expect(closureConsentProblem('FAMILY', 'NOT_APPLICABLE', false)).toBe('NOT_APPLICABLE_FOR_PERSONS');
    expect(closureConsentProblem('LOCATION', 'NOT_APPLICABLE', false)).toBeNull();
    expect(closureConsentProblem('GROUP', 'REFUSED', true)).toBe('CONSENT_DISCLOSURE_NEEDS_OBTAINED');
    expect(closureConsentProblem('PERSON', 'OBTAINED', true)).toBeNull();
    expect(closureConsentProblem('PERSON', 'NOT_SOUGHT_RISK', false)).toBeNull();
  });
});
