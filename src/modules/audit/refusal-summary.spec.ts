import { RefusalFolder } from './refusal-summary';

const at = (s: number) => new Date(Date.UTC(2026, 11, 3, 9, 0, s));
const refusal = (over: object = {}) => ({ actorId: 'u1', actorAgencyId: 'a1', tableId: 't1', route: 'GET /x', reason: 'not_a_member', situationId: null, ...over });

describe('RefusalFolder', () => {
  it("writes the first refusal of an actor's minute at once and folds the rest", () => {
    const f = new RefusalFolder();
    expect(f.add(refusal(), at(0))).toBe(true);
    expect(f.add(refusal({ route: 'GET /y', situationId: 's1' }), at(10))).toBe(false);
    expect(f.add(refusal({ situationId: 's1' }), at(20))).toBe(false);
    expect(f.add(refusal({ reason: 'role', situationId: 's2' }), at(59))).toBe(false);
    expect(f.takeDue(at(59))).toEqual([]);
    const [s, ...rest] = f.takeDue(at(61));
    expect(rest).toEqual([]);
    expect(s).toEqual({
      actorId: 'u1',
      actorAgencyId: 'a1',
      tableId: 't1',
      count: 3,
      routes: { 'GET /x': 2, 'GET /y': 1 },
      reasons: { not_a_member: 2, role: 1 },
      situationIds: ['s1', 's2'],
      minuteStart: at(0).toISOString(),
    });
    expect(f.takeDue(at(200))).toEqual([]);
  });

  it('keeps actors and tables apart, and a lone refusal makes no summary', () => {
    const f = new RefusalFolder();
    expect(f.add(refusal(), at(0))).toBe(true);
    expect(f.add(refusal({ actorId: 'u2' }), at(1))).toBe(true);
    expect(f.add(refusal({ tableId: 't2' }), at(2))).toBe(true);
    expect(f.add(refusal({ tableId: 't2' }), at(3))).toBe(false);
    const due = f.takeDue(at(120));
    expect(due.map((d) => `${d.actorId}/${d.tableId}/${d.count}`)).toEqual(['u1/t2/1']);
  });

  it("starts a new minute with a refusal written at once, and hands out the old minute's summary", () => {
    const f = new RefusalFolder();
    f.add(refusal(), at(0));
    f.add(refusal(), at(30));
    expect(f.add(refusal(), at(65))).toBe(true);
    expect(f.takeDue(at(65)).map((d) => d.count)).toEqual([1]);
    f.add(refusal(), at(70));
    expect(f.takeDue(at(70), true).map((d) => d.count)).toEqual([1]);
  });

  it('names at most 20 situations however many are probed', () => {
    const f = new RefusalFolder();
    f.add(refusal(), at(0));
    for (let i = 0; i < 500; i++) f.add(refusal({ situationId: `s${i}` }), at(1));
    const [s] = f.takeDue(at(0), true);
    expect(s.count).toBe(500);
    expect(s.situationIds).toHaveLength(20);
  });
});
