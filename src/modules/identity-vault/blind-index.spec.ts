import { indexedPersonsOf, normaliseDateOfBirth, normaliseName, searchedPersons } from './blind-index';

describe('blind index normalisation', () => {
  it('drops accents, case, spaces, hyphens, apostrophes and periods', () => {
    for (const v of ['Jean-Marc', 'jean marc', 'JEANMARC', ' Jéan–Marc ', 'Jean.Marc']) expect(normaliseName(v)).toBe('jeanmarc');
    for (const v of ["O'Neil", 'O’Neil', 'ONeil', 'o neil']) expect(normaliseName(v)).toBe('oneil');
    expect(normaliseName('Éloïse-Maëlle')).toBe('eloisemaelle');
  });

  it('maps the letters NFKD keeps whole, and folds case fully', () => {
    expect(normaliseName('Lœuillet')).toBe('loeuillet');
    expect(normaliseName('Størmer')).toBe('stormer');
    expect(normaliseName('Łukasz')).toBe('lukasz');
    expect(normaliseName('Strauß')).toBe('strauss');
    expect(normaliseName('ﬁfi')).toBe('fifi'); // a compatibility ligature
    expect(normaliseName("-'- .")).toBe('');
  });

  it('takes calendar dates only, as YYYY-MM-DD', () => {
    expect(normaliseDateOfBirth('2008-07-19')).toBe('2008-07-19');
    expect(normaliseDateOfBirth(' 2008-07-19 ')).toBe('2008-07-19');
    expect(normaliseDateOfBirth('2008-02-30')).toBeNull();
    expect(normaliseDateOfBirth('19/07/2008')).toBeNull();
    expect(normaliseDateOfBirth(undefined)).toBeNull();
  });

  it('indexes each person with names and a date of birth, once; never a place, a group or a person without a date', () => {
    const persons = indexedPersonsOf({
      kind: 'PERSONS',
      persons: [
        { role: 'PRIMARY', givenName: 'Ana', familyName: 'Roy', dateOfBirth: '2001-01-02' },
        { role: 'SIBLING', givenName: 'ANA', familyName: 'roy', dateOfBirth: '2001-01-02' },
        { role: 'PARENT', givenName: 'Luc', familyName: 'Roy' },
      ],
    });
    expect(persons).toEqual([{ given: 'ana', family: 'roy', dateOfBirth: '2001-01-02' }]);
    expect(indexedPersonsOf({ kind: 'PLACE', address: '1 Main St', description: 'a lot' })).toEqual([]);
    expect(indexedPersonsOf({ kind: 'GROUP', description: 'youth', contact: { givenName: 'Ana', familyName: 'Roy' } })).toEqual([]);
  });

  it('searches both orders of the names, and refuses what could never match', () => {
    expect(searchedPersons('Ana', 'Roy', '2001-01-02')).toEqual([
      { given: 'ana', family: 'roy', dateOfBirth: '2001-01-02' },
      { given: 'roy', family: 'ana', dateOfBirth: '2001-01-02' },
    ]);
    expect(searchedPersons('Roy', 'ROY', '2001-01-02')).toHaveLength(1);
    expect(searchedPersons('--', 'Roy', '2001-01-02')).toBeNull();
    expect(searchedPersons('Ana', 'Roy', '2001-13-02')).toBeNull();
  });
});
