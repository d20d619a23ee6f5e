import { classifySmtpError, isEmailKind, retryDelayMs } from './email-rules';

describe('e-mail outbox rules', () => {
  it('waits one minute after the first failure, doubles, and never more than an hour', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 50].map(retryDelayMs)).toEqual([60_000, 120_000, 240_000, 480_000, 960_000, 1_920_000, 3_600_000, 3_600_000, 3_600_000]);
    expect(retryDelayMs(0)).toBe(60_000);
  });

  it('tells a server that cannot be reached from a refused recipient, and keeps no message text', () => {
    expect(classifySmtpError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:25'), { code: 'ESOCKET' }))).toEqual({ code: 'ESOCKET', serverDown: true, permanent: false });
    expect(classifySmtpError(Object.assign(new Error('550 no such user a.person@example.test'), { code: 'EENVELOPE', responseCode: 550 }))).toEqual({
      code: 'EENVELOPE 550',
      serverDown: false,
      permanent: true,
    });
    expect(classifySmtpError(Object.assign(new Error('451 try later'), { code: 'EENVELOPE', responseCode: 451 })).permanent).toBe(false);
    expect(classifySmtpError(new Error('a.person@example.test'))).toEqual({ code: 'UNKNOWN', serverDown: false, permanent: false });
    expect(classifySmtpError({ code: 'a.person@example.test' }).code).toBe('UNKNOWN');
  });

  it('mails the kinds it knows only', () => {
    expect(isEmailKind('SITUATION_ASSIGNED')).toBe(true);
    expect(isEmailKind('PASSWORD_SET_BY_ADMINISTRATOR')).toBe(false);
  });
});
