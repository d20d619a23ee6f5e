import { layoutAgenda, withStatus, type AgendaLike } from './agenda-layout';

interface Item {
  situationId: string;
  status: string;
  note?: string;
}
const item = (id: string, status: string, note?: string): Item => ({ situationId: id, status, ...(note ? { note } : {}) });
const agenda = (updates: Item[], newSituations: Item[], overdue: Item[] = []): AgendaLike<Item> => ({ updates, newSituations, overdue });
const ids = (rows: { current: Item }[]) => rows.map((r) => r.current.situationId);

describe('the board agenda layout (rows stay put while the agenda is read again)', () => {
  it('first read: the agenda in its own order', () => {
    const l = layoutAgenda(agenda([item('a', 'ACCEPTED')], [item('b', 'SUBMITTED'), item('c', 'SUBMITTED')]));
    expect(ids(l.updates)).toEqual(['a']);
    expect(ids(l.newSituations)).toEqual(['b', 'c']);
    expect(l.newSituations.every((r) => !r.gone && r.first === r.current)).toBe(true);
  });

  it('an accepted referral stays in "new referrals", at its place, with its new status', () => {
    const c = item('c', 'SUBMITTED'); // unchanged: the same object (TanStack Query's structural sharing)
    const first = layoutAgenda(agenda([], [item('b', 'SUBMITTED'), c]));
    const next = layoutAgenda(agenda([item('b', 'ACCEPTED')], [c]), first);
    expect(ids(next.newSituations)).toEqual(['b', 'c']);
    expect(next.updates).toEqual([]);
    expect(next.newSituations[0].current.status).toBe('ACCEPTED');
    expect(next.newSituations[0].first.status).toBe('SUBMITTED');
    // the untouched row keeps its object (a memoised row does not render again)
    expect(next.newSituations[1]).toBe(first.newSituations[1]);
  });

  it('a situation that left the agenda stays, marked gone; a new one is added at the end of its section', () => {
    const first = layoutAgenda(agenda([], [item('b', 'SUBMITTED'), item('c', 'SUBMITTED')]));
    const next = layoutAgenda(agenda([], [item('d', 'SUBMITTED'), item('c', 'SUBMITTED')]), first);
    expect(ids(next.newSituations)).toEqual(['b', 'c', 'd']);
    expect(next.newSituations.map((r) => r.gone)).toEqual([true, false, false]);
    // back on the agenda (same item object): no longer gone
    const again = layoutAgenda(agenda([], [item('b', 'SUBMITTED'), item('c', 'SUBMITTED'), item('d', 'SUBMITTED')]), next);
    expect(again.newSituations[0].gone).toBe(false);
  });

  it('nothing changed: the very same layout (no render)', () => {
    const data = agenda([item('a', 'ACCEPTED')], [item('b', 'SUBMITTED')]);
    const first = layoutAgenda(data);
    expect(layoutAgenda(data, first)).toBe(first);
    const gone = layoutAgenda(agenda([], []), first);
    expect(layoutAgenda(agenda([], []), gone)).toBe(gone);
  });

  it('a changed row gets a new object; the other sections keep theirs', () => {
    const first = layoutAgenda(agenda([item('a', 'ACCEPTED')], [item('b', 'SUBMITTED')]));
    const next = layoutAgenda(
      agenda(
        [item('a', 'ACCEPTED', 'update posted')],
        first.newSituations.map((r) => r.current),
      ),
      first,
    );
    expect(next.updates[0]).not.toBe(first.updates[0]);
    expect(next.updates[0].current.note).toBe('update posted');
    expect(next.newSituations).toBe(first.newSituations);
  });

  it('withStatus sets one situation status wherever it is, and changes nothing when it is already so', () => {
    const data = agenda([item('a', 'ACCEPTED')], [item('b', 'SUBMITTED')]);
    const patched = withStatus(data, 'b', 'REJECTED');
    expect(patched.newSituations[0].status).toBe('REJECTED');
    expect(patched.updates).toEqual(data.updates);
    expect(patched.updates[0]).toBe(data.updates[0]);
    expect(withStatus(data, 'a', 'ACCEPTED')).toBe(data);
  });
});
