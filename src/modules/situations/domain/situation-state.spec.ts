import {
  canApply,
  deferralAgeDays,
  fromStatuses,
  InvalidTransition,
  isAwaitingDecision,
  isDeferralOverdue,
  isOpen,
  isStub,
  nextStatus,
  SITUATION_STATUSES,
  SituationAction,
  SituationStatus,
  TRANSITIONS,
} from './situation-state';

/**
 * The expected state machine, written out from domain.md ("The Four Filter Approach, as a state
 * machine") and not derived from the code under test. A cell holds the status after the action,
 * or null when the action is invalid from that status.
 */
const STATUSES: SituationStatus[] = ['SUBMITTED', 'DEFERRED', 'ACCEPTED', 'REJECTED', 'WITHDRAWN', 'ASSIGNED', 'MOBILIZED', 'CLOSED', 'DUPLICATE'];
const ACTIONS: SituationAction[] = [
  'DECIDE_AER',
  'DECIDE_NOT_AER',
  'DEFER',
  'EDIT',
  'WITHDRAW',
  'MARK_DUPLICATE',
  'ASSIGN',
  'ACCEPT_LEAD',
  'DECLINE_LEAD',
  'MOBILIZE',
  'MOBILIZE_AGENCY',
  'CONNECT_SERVICES',
  'CLOSE',
  'CLOSE_DORMANT',
  'REOPEN',
  'POST_UPDATE',
  'RECORD_WORK',
  'WRITE_IDENTITY',
  'READ_IDENTITY',
];
/** REOPEN returns to the status it was closed from (given: domain/reopen.ts decides it); ASSIGNED in this table. */
const REOPEN_TO = 'ASSIGNED' as const;

type Row = Record<SituationAction, SituationStatus | null>;

const EXPECTED: Record<SituationStatus, Row> = {
  SUBMITTED: {
    DECIDE_AER: 'ACCEPTED',
    DECIDE_NOT_AER: 'REJECTED',
    DEFER: 'DEFERRED',
    EDIT: 'SUBMITTED', // an edit while awaiting the decision keeps it among the new referrals
    WITHDRAW: 'WITHDRAWN',
    MARK_DUPLICATE: 'DUPLICATE', // closed as a duplicate of another referral of the table,
    ASSIGN: null,
    ACCEPT_LEAD: null,
    DECLINE_LEAD: null,
    MOBILIZE: null,
    MOBILIZE_AGENCY: null,
    CONNECT_SERVICES: null,
    CLOSE: null,
    CLOSE_DORMANT: 'CLOSED',
    REOPEN: null,
    POST_UPDATE: null,
    RECORD_WORK: null,
    WRITE_IDENTITY: null,
    READ_IDENTITY: null,
  },
  DEFERRED: {
    DECIDE_AER: 'ACCEPTED', // a second decision after a deferral
    DECIDE_NOT_AER: 'REJECTED',
    DEFER: null, // deferred once at a time: the agency answers first
    EDIT: 'SUBMITTED', // the agency's answer: resubmitted
    WITHDRAW: 'WITHDRAWN',
    MARK_DUPLICATE: 'DUPLICATE', // closed as a duplicate of another referral of the table,
    ASSIGN: null,
    ACCEPT_LEAD: null,
    DECLINE_LEAD: null,
    MOBILIZE: null,
    MOBILIZE_AGENCY: null,
    CONNECT_SERVICES: null,
    CLOSE: null,
    CLOSE_DORMANT: 'CLOSED',
    REOPEN: null,
    POST_UPDATE: null,
    RECORD_WORK: null,
    WRITE_IDENTITY: null,
    READ_IDENTITY: null,
  },
  ACCEPTED: {
    DECIDE_AER: null,
    DECIDE_NOT_AER: null,
    DEFER: null,
    EDIT: null,
    WITHDRAW: null,
    MARK_DUPLICATE: null,
    ASSIGN: 'ASSIGNED',
    ACCEPT_LEAD: null,
    DECLINE_LEAD: null,
    MOBILIZE: null,
    MOBILIZE_AGENCY: null,
    CONNECT_SERVICES: null,
    CLOSE: null,
    CLOSE_DORMANT: 'CLOSED',
    REOPEN: null,
    POST_UPDATE: 'ACCEPTED',
    RECORD_WORK: null,
    WRITE_IDENTITY: null,
    READ_IDENTITY: null,
  },
  REJECTED: {
    DECIDE_AER: null,
    DECIDE_NOT_AER: null,
    DEFER: null,
    EDIT: null,
    WITHDRAW: null,
    MARK_DUPLICATE: null,
    ASSIGN: null,
    ACCEPT_LEAD: null,
    DECLINE_LEAD: null,
    MOBILIZE: null,
    MOBILIZE_AGENCY: null,
    CONNECT_SERVICES: null,
    CLOSE: null,
    CLOSE_DORMANT: null,
    REOPEN: null,
    POST_UPDATE: null,
    RECORD_WORK: null,
    WRITE_IDENTITY: null,
    READ_IDENTITY: null,
  },
  WITHDRAWN: {
    DECIDE_AER: null,
    DECIDE_NOT_AER: null,
    DEFER: null,
    EDIT: null,
    WITHDRAW: null,
    MARK_DUPLICATE: null,
    ASSIGN: null,
    ACCEPT_LEAD: null,
    DECLINE_LEAD: null,
    MOBILIZE: null,
    MOBILIZE_AGENCY: null,
    CONNECT_SERVICES: null,
    CLOSE: null,
    CLOSE_DORMANT: null,
    REOPEN: null,
    POST_UPDATE: null,
    RECORD_WORK: null,
    WRITE_IDENTITY: null,
    READ_IDENTITY: null,
  },
  ASSIGNED: {
    DECIDE_AER: null,
    DECIDE_NOT_AER: null,
    DEFER: null,
    EDIT: null,
    WITHDRAW: null,
    MARK_DUPLICATE: null,
    ASSIGN: 'ASSIGNED', // reassignment keeps the status
    ACCEPT_LEAD: 'ASSIGNED', // the lead accepts: the status stays
    DECLINE_LEAD: 'ACCEPTED', // the lead declines: back to the coordinator to assign again
    MOBILIZE: 'MOBILIZED',
    MOBILIZE_AGENCY: 'ASSIGNED', // an assisting agency mobilises: the status stays
    CONNECT_SERVICES: 'ASSIGNED',
    CLOSE: 'CLOSED',
    CLOSE_DORMANT: 'CLOSED',
    REOPEN: null,
    POST_UPDATE: 'ASSIGNED',
    RECORD_WORK: 'ASSIGNED',
    WRITE_IDENTITY: 'ASSIGNED',
    READ_IDENTITY: 'ASSIGNED',
  },
  MOBILIZED: {
    DECIDE_AER: null,
    DECIDE_NOT_AER: null,
    DEFER: null,
    EDIT: null,
    WITHDRAW: null,
    MARK_DUPLICATE: null,
    ASSIGN: 'MOBILIZED', // reassignment keeps the status
    ACCEPT_LEAD: null,
    DECLINE_LEAD: null,
    MOBILIZE: null,
    MOBILIZE_AGENCY: 'MOBILIZED', // an assisting agency mobilises: the status stays
    CONNECT_SERVICES: 'MOBILIZED',
    CLOSE: 'CLOSED',
    CLOSE_DORMANT: 'CLOSED',
    REOPEN: null,
    POST_UPDATE: 'MOBILIZED',
    RECORD_WORK: 'MOBILIZED',
    WRITE_IDENTITY: 'MOBILIZED',
    READ_IDENTITY: 'MOBILIZED',
  },
  CLOSED: {
    DECIDE_AER: null,
    DECIDE_NOT_AER: null,
    DEFER: null,
    EDIT: null,
    WITHDRAW: null,
    MARK_DUPLICATE: null,
    ASSIGN: null,
    ACCEPT_LEAD: null,
    DECLINE_LEAD: null,
    MOBILIZE: null,
    MOBILIZE_AGENCY: null,
    CONNECT_SERVICES: null,
    CLOSE: null,
    CLOSE_DORMANT: null,
    REOPEN: 'ASSIGNED', // back to the status it was closed from, within the table's period
    POST_UPDATE: null,
    RECORD_WORK: null,
    WRITE_IDENTITY: null,
    READ_IDENTITY: 'CLOSED',
  },
  DUPLICATE: {
    DECIDE_AER: null,
    DECIDE_NOT_AER: null,
    DEFER: null,
    EDIT: null,
    WITHDRAW: null,
    MARK_DUPLICATE: null,
    ASSIGN: null,
    ACCEPT_LEAD: null,
    DECLINE_LEAD: null,
    MOBILIZE: null,
    CLOSE: null,
    CLOSE_DORMANT: null,
    REOPEN: null,
    POST_UPDATE: null,
    MOBILIZE_AGENCY: null,
    CONNECT_SERVICES: null,
    RECORD_WORK: null,
    WRITE_IDENTITY: null,
    READ_IDENTITY: null,
  },
};

const CELLS: [SituationStatus, SituationAction, SituationStatus | null][] = STATUSES.flatMap((s) =>
  ACTIONS.map((a): [SituationStatus, SituationAction, SituationStatus | null] => [s, a, EXPECTED[s][a]]),
);

const sorted = <T extends string>(xs: readonly T[]): T[] => [...xs].sort();

describe('situation state machine', () => {
  describe('vocabulary', () => {
    it('has exactly the eight statuses of domain.md and issue 16 (deferred)', () => {
      expect(sorted(SITUATION_STATUSES)).toEqual(sorted(STATUSES));
      expect(new Set(SITUATION_STATUSES).size).toBe(SITUATION_STATUSES.length);
    });

    it('has exactly the sixteen actions of the expected table', () => {
      expect(sorted(Object.keys(TRANSITIONS) as SituationAction[])).toEqual(sorted(ACTIONS));
    });

    it('covers every status × action cell', () => {
      expect(CELLS).toHaveLength(9 * 19);
    });
  });

  describe('canApply', () => {
    it.each(CELLS)('%s + %s → allowed iff expected next is %p', (status, action, next) => {
      expect(canApply(status, action)).toBe(next !== null);
    });
  });

  describe('nextStatus', () => {
    it.each(CELLS)('%s + %s → %p', (status, action, next) => {
      if (next !== null) {
        expect(nextStatus(status, action, REOPEN_TO)).toBe(next);
        return;
      }
      let thrown: unknown;
      try {
        nextStatus(status, action, REOPEN_TO);
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(InvalidTransition);
      expect(thrown).toBeInstanceOf(Error);
      const err = thrown as InvalidTransition;
      expect(err.from).toBe(status);
      expect(err.action).toBe(action);
      expect(err.name).toBe('InvalidTransition');
      expect(err.message).toContain(action);
      expect(err.message).toContain(status);
    });
  });

  describe('fromStatuses (the guard of the conditional UPDATE)', () => {
    it.each(ACTIONS)('%s starts only from the statuses the expected table allows', (action) => {
      const expected = STATUSES.filter((s) => EXPECTED[s][action] !== null);
      expect(sorted(fromStatuses(action))).toEqual(sorted(expected));
    });

    it.each(ACTIONS)('%s: fromStatuses agrees with canApply for every status', (action) => {
      for (const s of STATUSES) expect(fromStatuses(action).includes(s)).toBe(canApply(s, action));
    });

    it('spells out the guards of domain.md', () => {
      expect(sorted(fromStatuses('DECIDE_AER'))).toEqual(['DEFERRED', 'SUBMITTED']);
      expect(sorted(fromStatuses('DECIDE_NOT_AER'))).toEqual(['DEFERRED', 'SUBMITTED']);
      expect(sorted(fromStatuses('DEFER'))).toEqual(['SUBMITTED']);
      expect(sorted(fromStatuses('EDIT'))).toEqual(['DEFERRED', 'SUBMITTED']);
      expect(sorted(fromStatuses('WITHDRAW'))).toEqual(['DEFERRED', 'SUBMITTED']);
      expect(sorted(fromStatuses('MARK_DUPLICATE'))).toEqual(['DEFERRED', 'SUBMITTED']);
      expect(sorted(fromStatuses('ASSIGN'))).toEqual(['ACCEPTED', 'ASSIGNED', 'MOBILIZED']);
      expect(sorted(fromStatuses('ACCEPT_LEAD'))).toEqual(['ASSIGNED']);
      expect(sorted(fromStatuses('DECLINE_LEAD'))).toEqual(['ASSIGNED']);
      expect(sorted(fromStatuses('MOBILIZE'))).toEqual(['ASSIGNED']);
      expect(sorted(fromStatuses('MOBILIZE_AGENCY'))).toEqual(['ASSIGNED', 'MOBILIZED']);
      expect(sorted(fromStatuses('CONNECT_SERVICES'))).toEqual(['ASSIGNED', 'MOBILIZED']);
      expect(sorted(fromStatuses('CLOSE'))).toEqual(['ASSIGNED', 'MOBILIZED']);
      expect(sorted(fromStatuses('POST_UPDATE'))).toEqual(['ACCEPTED', 'ASSIGNED', 'MOBILIZED']);
      expect(sorted(fromStatuses('WRITE_IDENTITY'))).toEqual(['ASSIGNED', 'MOBILIZED']);
      expect(sorted(fromStatuses('READ_IDENTITY'))).toEqual(['ASSIGNED', 'CLOSED', 'MOBILIZED']);
    });
  });

  describe('terminal states', () => {
    it.each<SituationStatus>(['REJECTED', 'WITHDRAWN', 'DUPLICATE'])('%s accepts no action at all', (status) => {
      for (const a of ACTIONS) {
        expect(canApply(status, a)).toBe(false);
        expect(() => nextStatus(status, a, REOPEN_TO)).toThrow(InvalidTransition);
      }
    });

    it('CLOSED accepts only READ_IDENTITY (keeps CLOSED) and REOPEN (back to the status given)', () => {
      expect(ACTIONS.filter((a) => canApply('CLOSED', a))).toEqual(['REOPEN', 'READ_IDENTITY']);
      expect(nextStatus('CLOSED', 'READ_IDENTITY')).toBe('CLOSED');
      expect(nextStatus('CLOSED', 'REOPEN', 'MOBILIZED')).toBe('MOBILIZED');
      expect(nextStatus('CLOSED', 'REOPEN', 'ASSIGNED')).toBe('ASSIGNED');
      expect(() => nextStatus('CLOSED', 'REOPEN')).toThrow(InvalidTransition);
    });

    it('no action leads out of a terminal state', () => {
      for (const s of ['REJECTED', 'WITHDRAWN', 'DUPLICATE'] as SituationStatus[]) {
        for (const a of ACTIONS) if (canApply(s, a)) expect(nextStatus(s, a, REOPEN_TO)).toBe(s);
      }
    });
  });

  describe('identity (Filter 3 and later only)', () => {
    it('no identity action is possible before ASSIGNED', () => {
      for (const s of ['SUBMITTED', 'ACCEPTED', 'REJECTED', 'WITHDRAWN'] as SituationStatus[]) {
        expect(canApply(s, 'READ_IDENTITY')).toBe(false);
        expect(canApply(s, 'WRITE_IDENTITY')).toBe(false);
      }
    });

    it('identity cannot be written after CLOSED', () => {
      expect(canApply('CLOSED', 'WRITE_IDENTITY')).toBe(false);
    });

    it('identity actions never change the status', () => {
      for (const s of STATUSES) {
        for (const a of ['READ_IDENTITY', 'WRITE_IDENTITY'] as SituationAction[]) {
          if (canApply(s, a)) expect(nextStatus(s, a, REOPEN_TO)).toBe(s);
        }
      }
    });
  });

  describe('paths through the machine', () => {
    const run = (start: SituationStatus, actions: SituationAction[]): SituationStatus => actions.reduce((s, a) => nextStatus(s, a, REOPEN_TO), start);

    it('the full happy path: decide AER, assign, reassign, mobilise, reassign, update, close', () => {
      expect(run('SUBMITTED', ['DECIDE_AER', 'POST_UPDATE', 'ASSIGN', 'ASSIGN', 'WRITE_IDENTITY', 'MOBILIZE', 'ASSIGN', 'POST_UPDATE', 'CLOSE', 'READ_IDENTITY'])).toBe('CLOSED');
    });

    it('close without mobilising (ASSIGNED → CLOSED), never without an assignment (ACCEPTED)', () => {
      expect(run('SUBMITTED', ['DECIDE_AER', 'ASSIGN', 'CLOSE'])).toBe('CLOSED');
      expect(run('SUBMITTED', ['DECIDE_AER', 'ASSIGN', 'MOBILIZE', 'CLOSE'])).toBe('CLOSED');
      expect(canApply('ACCEPTED', 'CLOSE')).toBe(false);
      expect(() => run('SUBMITTED', ['DECIDE_AER', 'CLOSE'])).toThrow(InvalidTransition);
      expect(() => run('SUBMITTED', ['DECIDE_AER', 'POST_UPDATE', 'CLOSE'])).toThrow(InvalidTransition);
    });

    it('a decision cannot be taken twice', () => {
      expect(() => run('SUBMITTED', ['DECIDE_AER', 'DECIDE_AER'])).toThrow(InvalidTransition);
      expect(() => run('SUBMITTED', ['DECIDE_AER', 'DECIDE_NOT_AER'])).toThrow(InvalidTransition);
      expect(() => run('SUBMITTED', ['DECIDE_NOT_AER', 'DECIDE_AER'])).toThrow(InvalidTransition);
    });

    it('a deferral is not final: defer, edit (resubmitted), then decide once', () => {
      expect(run('SUBMITTED', ['DEFER', 'EDIT', 'DECIDE_AER'])).toBe('ACCEPTED');
      expect(run('SUBMITTED', ['DEFER', 'EDIT', 'DEFER', 'EDIT', 'DECIDE_NOT_AER'])).toBe('REJECTED');
      expect(run('SUBMITTED', ['DEFER', 'DECIDE_AER'])).toBe('ACCEPTED');
      expect(run('SUBMITTED', ['DEFER', 'WITHDRAW'])).toBe('WITHDRAWN');
      expect(() => run('SUBMITTED', ['DEFER', 'DEFER'])).toThrow(InvalidTransition);
      expect(() => run('SUBMITTED', ['DECIDE_AER', 'DEFER'])).toThrow(InvalidTransition);
      expect(() => run('SUBMITTED', ['DECIDE_AER', 'EDIT'])).toThrow(InvalidTransition);
    });

    it('a declined lead returns the situation to the coordinator, who assigns again', () => {
      expect(run('SUBMITTED', ['DECIDE_AER', 'ASSIGN', 'DECLINE_LEAD', 'ASSIGN', 'ACCEPT_LEAD', 'MOBILIZE'])).toBe('MOBILIZED');
      expect(run('SUBMITTED', ['DECIDE_AER', 'ASSIGN', 'DECLINE_LEAD', 'ASSIGN', 'DECLINE_LEAD'])).toBe('ACCEPTED');
      expect(() => run('SUBMITTED', ['DECIDE_AER', 'DECLINE_LEAD'])).toThrow(InvalidTransition);
      expect(() => run('SUBMITTED', ['DECIDE_AER', 'ASSIGN', 'MOBILIZE', 'ACCEPT_LEAD'])).toThrow(InvalidTransition);
    });

    it('a referral is marked a duplicate only while it awaits the decision, and that is final', () => {
      expect(run('SUBMITTED', ['MARK_DUPLICATE'])).toBe('DUPLICATE');
      expect(run('SUBMITTED', ['DEFER', 'MARK_DUPLICATE'])).toBe('DUPLICATE');
      expect(() => run('SUBMITTED', ['DECIDE_AER', 'MARK_DUPLICATE'])).toThrow(InvalidTransition);
      expect(() => run('SUBMITTED', ['MARK_DUPLICATE', 'EDIT'])).toThrow(InvalidTransition);
      expect(() => run('SUBMITTED', ['MARK_DUPLICATE', 'MARK_DUPLICATE'])).toThrow(InvalidTransition);
    });

    it('withdrawal is possible only before the decision', () => {
      expect(run('SUBMITTED', ['WITHDRAW'])).toBe('WITHDRAWN');
      expect(() => run('SUBMITTED', ['DECIDE_AER', 'WITHDRAW'])).toThrow(InvalidTransition);
    });

    it('mobilising twice is refused', () => {
      expect(() => run('SUBMITTED', ['DECIDE_AER', 'ASSIGN', 'MOBILIZE', 'MOBILIZE'])).toThrow(InvalidTransition);
    });

    it('every reachable status is reachable from SUBMITTED following only the expected table', () => {
      const seen = new Set<SituationStatus>(['SUBMITTED']);
      const queue: SituationStatus[] = ['SUBMITTED'];
      while (queue.length) {
        const s = queue.shift()!;
        for (const a of ACTIONS) {
          if (!canApply(s, a)) continue;
          const n = nextStatus(s, a, REOPEN_TO);
          if (!seen.has(n)) {
            seen.add(n);
            queue.push(n);
          }
        }
      }
      expect(sorted([...seen])).toEqual(sorted(STATUSES));
    });
  });

  describe('isStub', () => {
    const STUB: Record<SituationStatus, boolean> = {
      SUBMITTED: false,
      DEFERRED: false,
      ACCEPTED: false,
      REJECTED: true,
      WITHDRAWN: true,
      ASSIGNED: false,
      MOBILIZED: false,
      CLOSED: false,
      DUPLICATE: true,
    };
    it.each(STATUSES)('%s', (s) => {
      expect(isStub(s)).toBe(STUB[s]);
    });
  });

  describe('isOpen (accepted and not yet closed)', () => {
    const OPEN: Record<SituationStatus, boolean> = {
      SUBMITTED: false,
      DEFERRED: false,
      ACCEPTED: true,
      REJECTED: false,
      WITHDRAWN: false,
      ASSIGNED: true,
      MOBILIZED: true,
      CLOSED: false,
      DUPLICATE: false,
    };
    it.each(STATUSES)('%s', (s) => {
      expect(isOpen(s)).toBe(OPEN[s]);
    });

    it('a situation can be closed exactly when it is open and assigned (not while only ACCEPTED)', () => {
      for (const s of STATUSES) expect(canApply(s, 'CLOSE')).toBe(OPEN[s] && s !== 'ACCEPTED');
    });

    it('no status is both a stub and open', () => {
      for (const s of STATUSES) expect(isStub(s) && isOpen(s)).toBe(false);
    });
  });

  describe('awaiting a decision (editable by the originating agency)', () => {
    it.each(STATUSES)('%s', (s) => {
      expect(isAwaitingDecision(s)).toBe(s === 'SUBMITTED' || s === 'DEFERRED');
      expect(canApply(s, 'EDIT')).toBe(isAwaitingDecision(s));
    });
  });

  describe('deferral age and overdue flag', () => {
    const deferredAt = new Date('2026-05-01T12:00:00Z');
    const at = (days: number, ms = 0) => new Date(deferredAt.getTime() + days * 86_400_000 + ms);

    it('is overdue only past the limit, to the millisecond', () => {
      expect(isDeferralOverdue('DEFERRED', deferredAt, 14, at(14))).toBe(false);
      expect(isDeferralOverdue('DEFERRED', deferredAt, 14, at(14, 1))).toBe(true);
      expect(isDeferralOverdue('DEFERRED', deferredAt, 1, at(1, 1))).toBe(true);
      expect(isDeferralOverdue('DEFERRED', deferredAt, 90, at(60))).toBe(false);
    });

    it('never for another status or without a deferral date', () => {
      for (const s of STATUSES.filter((x) => x !== 'DEFERRED')) expect(isDeferralOverdue(s, deferredAt, 1, at(30))).toBe(false);
      expect(isDeferralOverdue('DEFERRED', null, 1, at(30))).toBe(false);
    });

    it('counts whole days since the deferral', () => {
      expect(deferralAgeDays('DEFERRED', deferredAt, at(0))).toBe(0);
      expect(deferralAgeDays('DEFERRED', deferredAt, at(2, -1))).toBe(1);
      expect(deferralAgeDays('DEFERRED', deferredAt, at(15))).toBe(15);
      expect(deferralAgeDays('DEFERRED', deferredAt, at(0, -5000))).toBe(0);
      expect(deferralAgeDays('SUBMITTED', deferredAt, at(3))).toBeNull();
    });
  });
});
