import { sectorsAbsent, sectorsCounted } from './sectors-absent';

describe('sectors absent', () => {
  it('names the sectors needed that no attendee sits for, sorted, once', () => {
    expect(sectorsAbsent(['POLICE', 'HEALTH', 'EDUCATION', 'HEALTH'], ['HEALTH'])).toEqual(['EDUCATION', 'POLICE']);
    expect(sectorsAbsent(['POLICE'], ['POLICE', 'HOUSING'])).toEqual([]);
  });

  it('says nothing absent while no attendance is recorded', () => {
    expect(sectorsAbsent(['POLICE'], null)).toEqual([]);
    expect(sectorsAbsent(['POLICE'], [])).toEqual([]);
  });

  it('reads the sectors the SECTORS criterion counts', () => {
    expect(sectorsCounted({ criteria: [{ name: 'RISK_FACTORS' }, { name: 'SECTORS', sectors: ['HEALTH', 'POLICE'] }] })).toEqual(['HEALTH', 'POLICE']);
    expect(sectorsCounted({ criteria: [] })).toEqual([]);
  });
});
