import { kindForSituationType, knownValuesOf, primaryPerson, sealedValuesOf, Subject, SubjectFormatError, subjectOf, subjectProblems, subjectSummary } from './subject';

const family: Subject = {
  kind: 'PERSONS',
  persons: [
    { role: 'PARENT', givenName: ' Thaddeus ', familyName: 'Brackenridge', phone: '555-0199-41', address: '  ' },
    { role: 'PRIMARY', givenName: 'Orlaith', familyName: 'Brackenridge', dateOfBirth: '2010-05-02' },
    { role: 'CHILD', givenName: 'Pemberly', familyName: 'Brackenridge' },
  ],
};

describe('the subject of a situation (pure rules)', () => {
  it('maps each situation type to the kind it calls for, and knows no rule for an unknown type', () => {
    expect(['PERSON', 'FAMILY', 'GROUP', 'LOCATION', 'SOMETHING'].map(kindForSituationType)).toEqual(['PERSONS', 'PERSONS', 'GROUP', 'PLACE', null]);
  });

  it('wants exactly one PRIMARY person', () => {
    expect(subjectProblems(family)).toEqual([]);
    expect(subjectProblems({ kind: 'PERSONS', persons: [{ role: 'CHILD', givenName: 'A', familyName: 'B' }] })).toEqual([
      { field: 'persons', problem: 'must hold exactly one PRIMARY person' },
    ]);
    const two: Subject = { kind: 'PERSONS', persons: [0, 1].map(() => ({ role: 'PRIMARY' as const, givenName: 'A', familyName: 'B' })) };
    expect(subjectProblems(two)).toHaveLength(1);
    expect(subjectProblems({ kind: 'PLACE', address: 'x', description: 'y' })).toEqual([]);
  });

  it('seals the PRIMARY person in the five identity fields and the others in `persons`, trimmed, empty values left out', () => {
    const values = sealedValuesOf(family);
    expect(Object.keys(values).sort()).toEqual(['dateOfBirth', 'familyName', 'givenName', 'persons']);
    expect(values.givenName).toBe('Orlaith');
    expect(JSON.parse(values.persons!)).toEqual([
      { role: 'PARENT', givenName: 'Thaddeus', familyName: 'Brackenridge', phone: '555-0199-41' },
      { role: 'CHILD', givenName: 'Pemberly', familyName: 'Brackenridge' },
    ]);
    // and opens back to the same persons, the PRIMARY first
    const opened = subjectOf(values);
    expect(opened.kind === 'PERSONS' && opened.persons.map((p) => p.role)).toEqual(['PRIMARY', 'PARENT', 'CHILD']);
    expect(primaryPerson(opened)?.givenName).toBe('Orlaith');
  });

  it('reads a row written before subjects as one PRIMARY person', () => {
    expect(subjectOf({ givenName: 'Zephyrine', familyName: 'Quillfeather', phone: '555' })).toEqual({
      kind: 'PERSONS',
      persons: [{ role: 'PRIMARY', givenName: 'Zephyrine', familyName: 'Quillfeather', phone: '555' }],
    });
  });

  it('round-trips a place and a group (contact optional)', () => {
    const place: Subject = { kind: 'PLACE', address: '1290 Larkspur Avenue', description: 'vacant rooming house' };
    expect(subjectOf(sealedValuesOf(place))).toEqual(place);
    const group: Subject = { kind: 'GROUP', description: 'youth at the park', contact: { givenName: 'Quenby', familyName: 'Marchetti' } };
    expect(subjectOf(sealedValuesOf(group))).toEqual(group);
    expect(subjectOf(sealedValuesOf({ kind: 'GROUP', description: 'neighbours' }))).toEqual({ kind: 'GROUP', description: 'neighbours' });
    expect(primaryPerson(place)).toBeNull();
  });

  it('refuses opened values that are not one subject (parts of two kinds, bad JSON, a second PRIMARY)', () => {
    expect(() => subjectOf({})).toThrow(SubjectFormatError);
    expect(() => subjectOf({ givenName: 'A', familyName: 'B', place: '{"address":"x","description":"y"}' })).toThrow(SubjectFormatError);
    expect(() => subjectOf({ place: 'not json' })).toThrow(SubjectFormatError);
    expect(() => subjectOf({ givenName: 'A', familyName: 'B', persons: '[{"role":"PRIMARY","givenName":"C","familyName":"D"}]' })).toThrow(SubjectFormatError);
    expect(() => subjectOf({ group: '{"description":"x","contact":{"givenName":"only"}}' })).toThrow(SubjectFormatError);
  });

  it('gives every value later free text is checked against: every person, the place address, the group contact; no description', () => {
    expect(knownValuesOf(family)).toEqual([
      { kind: 'NAME', value: ' Thaddeus ' },
      { kind: 'NAME', value: 'Brackenridge' },
      { kind: 'PHONE', value: '555-0199-41' },
      { kind: 'NAME', value: 'Orlaith' },
      { kind: 'NAME', value: 'Brackenridge' },
      { kind: 'DOB', value: '2010-05-02' },
      { kind: 'NAME', value: 'Pemberly' },
      { kind: 'NAME', value: 'Brackenridge' },
    ]);
    expect(knownValuesOf({ kind: 'PLACE', address: '1290 Larkspur Avenue', description: 'vacant rooming house' })).toEqual([{ kind: 'ADDRESS', value: '1290 Larkspur Avenue' }]);
    expect(knownValuesOf({ kind: 'GROUP', description: 'youth', contact: { givenName: 'Quenby', familyName: 'Marchetti', phone: '555-0133-72' } })).toEqual([
      { kind: 'NAME', value: 'Quenby' },
      { kind: 'NAME', value: 'Marchetti' },
      { kind: 'PHONE', value: '555-0133-72' },
    ]);
    expect(knownValuesOf({ kind: 'GROUP', description: 'youth' })).toEqual([]);
  });

  it('summarises a subject for the audit trail with its kind and a count, never a value', () => {
    expect(subjectSummary(family)).toEqual({ subjectKind: 'PERSONS', persons: 3 });
    expect(subjectSummary({ kind: 'PLACE', address: 'x', description: 'y' })).toEqual({ subjectKind: 'PLACE', persons: 0 });
  });
});
