import {
  auditedBarriers,
  barrierNotes,
  barrierBit,
  barrierChange,
  barrierMask,
  suggestedBarrier,
  SYSTEM_BARRIER_CODES,
  SYSTEM_BARRIER_CONTEXTS,
  systemBarrierEntries,
  systemBarrierProblems,
} from './system-barriers';

describe('system barriers (evaluation section 5)', () => {
  it('gives each code its own bit, in the order of the list (the trigger of barrier_mask uses the same order)', () => {
    expect(SYSTEM_BARRIER_CODES.map(barrierBit)).toEqual([1, 2, 4, 8, 16, 32, 64]);
    expect(barrierMask([])).toBe(0);
    expect(barrierMask(['WAIT_LIST', 'CAPACITY', 'WAIT_LIST'])).toBe(2 | 8);
    expect(barrierMask([...SYSTEM_BARRIER_CODES])).toBe(127);
  });

  it('needs a note for OTHER, and refuses one on any other code', () => {
    expect(systemBarrierProblems([{ code: 'OTHER' }])).toEqual([{ field: 'systemBarriers[0].note', problem: 'the barrier OTHER needs a note' }]);
    expect(systemBarrierProblems([{ code: 'OTHER', note: '   ' }])).toHaveLength(1);
    expect(systemBarrierProblems([{ code: 'OTHER', note: 'no evening program nearby' }])).toEqual([]);
    expect(systemBarrierProblems([{ code: 'CAPACITY', note: 'full' }], 'x')).toEqual([{ field: 'x[0].note', problem: 'a note only with the barrier OTHER' }]);
    expect(
      systemBarrierProblems([
        { code: 'CAPACITY', note: '' },
        { code: 'WAIT_LIST', note: null },
      ]),
    ).toEqual([]);
  });

  it('takes each code once per service', () => {
    expect(
      systemBarrierProblems([
        { code: 'WAIT_LIST', service: 'HOUSING' },
        { code: 'WAIT_LIST', service: 'MENTAL_HEALTH' },
      ]),
    ).toEqual([]);
    expect(systemBarrierProblems([{ code: 'WAIT_LIST' }, { code: 'WAIT_LIST', service: null }])).toEqual([
      { field: 'systemBarriers[1]', problem: 'each barrier once per service' },
    ]);
  });

  it('stores the note of OTHER trimmed, and nothing else', () => {
    expect(
      systemBarrierEntries([
        { code: 'OTHER', note: '  no evening program  ' },
        { code: 'CAPACITY', service: 'HOUSING' },
      ]),
    ).toEqual([
      { code: 'OTHER', service: null, note: 'no evening program' },
      { code: 'CAPACITY', service: 'HOUSING', note: null },
    ]);
  });

  it('names each note by its place in the body, for the de-identification check', () => {
    expect(
      barrierNotes([
        { code: 'CAPACITY', service: null, note: null },
        { code: 'OTHER', service: null, note: 'no evening program' },
      ]),
    ).toEqual({ 'systemBarriers[1].note': 'no evening program' });
  });

  it('proposes a barrier for the reasons section 5 names, and none for the others', () => {
    expect(suggestedBarrier('LEAD_DECLINE', 'CAPACITY')).toBe('CAPACITY');
    expect(suggestedBarrier('ACTION_NOT_DONE', 'NOT_ELIGIBLE')).toBe('ELIGIBILITY');
    expect(suggestedBarrier('ACTION_NOT_DONE', 'NO_CAPACITY')).toBe('CAPACITY');
    for (const reason of ['MANDATE', 'CONFLICT', 'OTHER', null]) expect(suggestedBarrier('LEAD_DECLINE', reason)).toBeNull();
    for (const reason of ['PERSON_DECLINED', 'NOT_REACHED', 'CIRCUMSTANCES_CHANGED', 'OTHER', undefined]) expect(suggestedBarrier('ACTION_NOT_DONE', reason)).toBeNull();
    for (const context of SYSTEM_BARRIER_CONTEXTS) expect(suggestedBarrier(context, 'UNKNOWN')).toBeNull();
    expect(suggestedBarrier('CLOSURE', 'CAPACITY')).toBeNull();
  });

  it('audits codes and services, never a note, and names what a change added and removed', () => {
    expect(
      auditedBarriers([
        { code: 'OTHER', service: null },
        { code: 'WAIT_LIST', service: 'HOUSING' },
      ]),
    ).toEqual(['OTHER', 'WAIT_LIST:HOUSING']);
    expect(
      barrierChange(
        [
          { code: 'WAIT_LIST', service: 'HOUSING' },
          { code: 'CAPACITY', service: null },
        ],
        [
          { code: 'CAPACITY', service: null },
          { code: 'LANGUAGE', service: null },
        ],
      ),
    ).toEqual({ added: ['LANGUAGE'], removed: ['WAIT_LIST:HOUSING'] });
  });
});
