import { agendaItemRefusal, computedAfter, inProgressWindow, isInProgress, reorder } from './agenda';

describe('agenda items', () => {
  it('adds a situation not on the agenda, or lists a removed one again; refuses one already there', () => {
    expect(agendaItemRefusal('ADD', null)).toBeNull();
    expect(agendaItemRefusal('ADD', 'REMOVED')).toBeNull();
    expect(agendaItemRefusal('ADD', 'LISTED')).toBe('ALREADY_ON_AGENDA');
    expect(agendaItemRefusal('ADD', 'DISCUSSED')).toBe('ALREADY_ON_AGENDA');
    expect(agendaItemRefusal('ADD', 'DEFERRED')).toBe('ALREADY_ON_AGENDA');
  });

  it('removes, defers and marks discussed a listed item only', () => {
    for (const action of ['REMOVE', 'DEFER', 'DISCUSS'] as const) {
      expect(agendaItemRefusal(action, 'LISTED')).toBeNull();
      for (const status of ['DISCUSSED', 'DEFERRED', 'REMOVED'] as const) expect(agendaItemRefusal(action, status)).toBe('AGENDA_ITEM_NOT_LISTED');
    }
  });

  it('appends what the sections add after the stored items, each once, in meeting order', () => {
    expect(computedAfter(['b'], [['a', 'b'], ['c'], ['a', 'd']])).toEqual(['a', 'c', 'd']);
    expect(computedAfter(['a', 'c', 'd'], [['a'], ['c'], ['d']])).toEqual([]);
  });

  it('orders the named situations first, the others after in their order', () => {
    expect(reorder(['a', 'b', 'c', 'd'], ['c', 'a'])).toEqual({ order: ['c', 'a', 'b', 'd'] });
    expect(reorder(['a', 'b'], ['b', 'a'])).toEqual({ order: ['b', 'a'] });
    expect(reorder(['a', 'b'], [])).toEqual({ order: ['a', 'b'] });
    expect(reorder(['a', 'b'], ['x'])).toEqual({ problem: 'must be situations on this agenda' });
    expect(reorder(['a', 'b'], ['a', 'a'])).toEqual({ problem: 'must name each situation once' });
  });

  it('holds a meeting in progress from an hour before it is scheduled until 12 hours after, while open', () => {
    const at = new Date('2026-12-03T10:00:00Z');
    expect(inProgressWindow(at)).toEqual({ from: new Date('2026-12-02T22:00:00Z'), to: new Date('2026-12-03T11:00:00Z') });
    const open = (iso: string) => ({ status: 'OPEN', scheduledFor: new Date(iso) });
    expect(isInProgress(open('2026-12-03T11:00:00Z'), at)).toBe(true);
    expect(isInProgress(open('2026-12-03T11:00:01Z'), at)).toBe(false);
    expect(isInProgress(open('2026-12-02T22:00:00Z'), at)).toBe(true);
    expect(isInProgress(open('2026-12-02T21:59:59Z'), at)).toBe(false);
    expect(isInProgress({ status: 'CLOSED', scheduledFor: at }, at)).toBe(false);
  });
});
