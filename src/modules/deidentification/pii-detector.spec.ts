import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { MAX_SCAN_LENGTH, PII_KINDS, scanFields, scanText, summarizeFindings, type PiiFinding, type PiiKind, type ScanOptions } from './pii-detector';
import { evaluateCorpus, parseCases } from './pii-evaluation';
import { findNames } from './pii-names';
import { luhnValid } from './pii-numbers';
import { adversarialInputs } from './pii-speed';
import { tokenize } from './pii-tokens';

const REPO_ROOT = resolve(__dirname, '../../..');
const CORPUS_PATH = resolve(REPO_ROOT, 'test/corpus/pii-corpus.json');
// A copy of ../shared/data/pii-samples.json (the team's shared sample), so a clone without shared/ passes too.
const SHARED_SAMPLE_PATH = resolve(REPO_ROOT, 'test/corpus/shared-sample.json');

function kinds(text: string, options?: ScanOptions): PiiKind[] {
  return [...new Set(scanText(text, options).map((f) => f.kind))].sort();
}

function slices(text: string, options?: ScanOptions): string[] {
  return scanText(text, options).map((f) => `${f.kind}:${text.slice(f.start, f.end)}`);
}

/** Appends the Luhn check digit to a string of digits. */
function withCheckDigit(digits: string): string {
  for (let d = 0; d <= 9; d++) if (luhnValid(digits + d)) return digits + d;
  throw new Error('unreachable');
}

function expectWellFormed(text: string, findings: PiiFinding[]): void {
  let previousEnd = 0;
  for (const f of findings) {
    expect(PII_KINDS).toContain(f.kind);
    expect(f.start).toBeGreaterThanOrEqual(previousEnd);
    expect(f.end).toBeGreaterThan(f.start);
    expect(f.end).toBeLessThanOrEqual(text.length);
    previousEnd = f.end;
  }
}

describe('scanText: e-mail addresses', () => {
  it.each([
    ['write to k.osei@outlook.com today', 'EMAIL:k.osei@outlook.com'],
    ['Contact: MARIE.ROY@VIDEOTRON.CA.', 'EMAIL:MARIE.ROY@VIDEOTRON.CA'],
    ['écrire à jf.belanger+dpj@gmail.com svp', 'EMAIL:jf.belanger+dpj@gmail.com'],
    ['reply to k.osei [at] outlook [dot] com please', 'EMAIL:k.osei [at] outlook [dot] com'],
  ])('finds the address in %p', (text, expected) => {
    expect(slices(text)).toEqual([expected]);
  });

  it.each(['meet @ 3 pm at the usual place', 'she follows @dangerboy on Instagram', 'user@localhost is not an address'])('finds nothing in %p', (text) => {
    expect(scanText(text)).toEqual([]);
  });
});

describe('scanText: phone numbers', () => {
  it.each([
    ['Worker reached the uncle at 647.555.0102; he cannot keep the youth.', '647.555.0102'],
    ['Call (416) 555-0199 tonight.', '(416) 555-0199'],
    ['La grand-mère a donné son numéro, 450 555-0161, hier.', '450 555-0161'],
    ['Call +1 613 555 0100 now', '+1 613 555 0100'],
    ['Toll free 1-800-555-0199 line', '1-800-555-0199'],
    ['Work 416-555-0123 ext. 204 only', '416-555-0123 ext. 204'],
    ['téléphone 819-555-0126 poste 3', '819-555-0126 poste 3'],
    ['cell 5195550164', '5195550164'],
    ['at 555-0199 after six', '555-0199'],
    ['relative in the UK on +44 20 7946 0958', '+44 20 7946 0958'],
  ])('finds the number in %p', (text, expected) => {
    expect(slices(text)).toEqual([`PHONE:${expected}`]);
  });

  it.each([
    'rent range $950-1200 per month',
    'ages 16-17 and 25-29',
    'owes $1,200 and 1 200 $ in arrears',
    'at 10:30 pm on Highway 410 near 21 Division',
    'school years 2019-2020 and 2023-2024',
    'called 911 and the 988 crisis line twice',
    'Grade 9, room 1203, bus 502',
    '12 of 40 youths, 3/4 of the class, 45%',
  ])('finds nothing in %p', (text) => {
    expect(scanText(text)).toEqual([]);
  });
});

describe('scanText: Ontario health card numbers', () => {
  const number = withCheckDigit('123456789'); // 1234567897
  const spaced = `${number.slice(0, 4)} ${number.slice(4, 7)} ${number.slice(7)}`;

  it('checks the Luhn digit helper itself', () => {
    expect(number).toBe('1234567897');
    expect(luhnValid('1234567897')).toBe(true);
    expect(luhnValid('1234567890')).toBe(false);
  });

  it.each([
    [`Health card ${spaced} AB flagged at three pharmacies`, `${spaced} AB`],
    [`OHIP ${number.slice(0, 4)}-${number.slice(4, 7)}-${number.slice(7)} was used twice`, `${number.slice(0, 4)}-${number.slice(4, 7)}-${number.slice(7)}`],
    [`card ${number} expired`, number],
    [`carte santé ${spaced} K retrouvée`, `${spaced} K`],
    [`HCN ${number}XY on the form`, `${number}XY`],
  ])('finds the number in %p', (text, expected) => {
    expect(slices(text)).toEqual([`HEALTH_CARD:${expected}`]);
  });

  it('does not report a 4-3-3 number whose check digit fails', () => {
    expect(scanText('number 1234 567 890 on the form')).toEqual([]);
  });

  it('does not take a lower-case word after the number for a version code', () => {
    const text = `card ${number} as shown`;
    expect(slices(text)).toEqual([`HEALTH_CARD:${number}`]);
  });
});

describe('scanText: social insurance numbers', () => {
  it.each([
    ['Benefits stopped for SIN 193-456-787 after a review', '193-456-787'],
    ['NAS 193 456 787 vendu', '193 456 787'],
    ['sin 193456787 on a pay stub', '193456787'],
  ])('finds the number in %p', (text, expected) => {
    expect(slices(text)).toEqual([`SIN:${expected}`]);
  });

  it.each(['SIN 193-456-788', 'NAS 193 456 780', 'sin 193456788'])('rejects %p: the Luhn check fails', (text) => {
    expect(scanText(text)).toEqual([]);
  });

  it('rejects a Luhn-valid number starting with 0 (never assigned to a person)', () => {
    expect(luhnValid('046454286')).toBe(true);
    expect(scanText('SIN 046-454-286')).toEqual([]);
  });
});

describe('scanText: postal codes', () => {
  it.each([
    ['Rooming house near L6Y 0A1 has had five police calls', 'L6Y 0A1'],
    ['mail returned from l6y0a1', 'l6y0a1'],
    ['secteur J8Y 3R2, sept personnes', 'J8Y 3R2'],
    ['code K1N-5T2', 'K1N-5T2'],
  ])('finds the code in %p', (text, expected) => {
    expect(slices(text)).toEqual([`POSTAL_CODE:${expected}`]);
  });

  it.each(['neighbours in the L6Y area', 'D1A 1A1, F1A 1A1, I1A 1A1, O1A 1A1, Q1A 1A1, U1A 1A1', 'W1A 1A1 and Z9Z 9Z9', 'L6Y 0D1 and L6Y 0A'])(
    'finds nothing in %p (a region prefix, invalid letters or an incomplete code)',
    (text) => {
      expect(scanText(text)).toEqual([]);
    },
  );
});

describe('scanText: street addresses', () => {
  it.each([
    ['Fire crews found extreme hoarding at 210 Ray Lawson Boulevard, unit 5.', '210 Ray Lawson Boulevard, unit 5'],
    ['Referral lists home as 5-1400 Dundas St. E, where', '5-1400 Dundas St. E'],
    ['She lives at 14 oak street with her uncle', '14 oak street'],
    ['Apt 1207, 40 Falconer Drive has a woman who throws items', 'Apt 1207, 40 Falconer Drive'],
    ['Woman at 410 Steeles Avenue East #1203 called', '410 Steeles Avenue East #1203'],
    ['Mail goes to P.O. Box 341 now', 'P.O. Box 341'],
    ['Des seringues derrière le 1200, rue Ontario Est.', '1200, rue Ontario Est'],
    ['La dame habite au 45, boul. Saint-Joseph, app. 3, et', '45, boul. Saint-Joseph, app. 3'],
    ['Coups de feu au 230 chemin de la Montagne.', '230 chemin de la Montagne'],
    ['Logement encombré au 355, rang Saint-Antoine.', '355, rang Saint-Antoine'],
    ['Un homme armé au 90, montée Paiement, logement 4.', '90, montée Paiement, logement 4'],
    ["L'aîné vit au 17, côte de la Fabrique et ne mange plus.", '17, côte de la Fabrique'],
  ])('finds the address in %p', (text, expected) => {
    expect(slices(text)).toEqual([`ADDRESS:${expected}`]);
  });

  it.each([
    'the 1200 block of Queen Street',
    'encampment near Queen Street and Main Street',
    'on Highway 10 near Route 11',
    'the house is a 30 minute drive from the shelter',
    'she walks 20 minutes down the road',
    'he has 2 Family Court dates in November',
    'le jeune dort dans la rue depuis 3 semaines',
    'il reste 3 places au refuge du boulevard Saint-Joseph',
  ])('finds nothing in %p', (text) => {
    expect(scanText(text)).toEqual([]);
  });
});

describe('scanText: dates of birth', () => {
  it.each([
    ['Youth (DOB 2008-11-02) left the shelter', '2008-11-02'],
    ['intake lists 02/11/2008 as the date', '02/11/2008'],
    ['born November 2, 2008 in Brampton', 'November 2, 2008'],
    ['the 2nd of November, 2008', '2nd of November, 2008'],
    ['Jeune fille née le 3 février 2009, fugues répétées', '3 février 2009'],
    ['née le 1er mars 2007', '1er mars 2007'],
    ['date de naissance : 2010-04-12', '2010-04-12'],
    ['DDN 12/09/05, consommation', '12/09/05'],
    ['listed as 2-Nov-2008', '2-Nov-2008'],
  ])('finds the full date in %p', (text, expected) => {
    expect(slices(text)).toEqual([`DOB:${expected}`]);
  });

  it.each([
    ['Teen born in April 2009 is selling sex', 'April 2009'],
    ['DOB: 2008, no fixed address', '2008'],
    ["L'enfant, né en juin 2015, arrive sans manger", 'juin 2015'],
    ['dob 20081102', '20081102'],
  ])('finds a partial date next to a birth word in %p', (text, expected) => {
    expect(slices(text)).toEqual([`DOB:${expected}`]);
  });

  it.each([
    'meeting on March 3 at 10 pm',
    'since 2019, in March 2021 and since May 2020',
    'le 15 juin, en octobre 2023',
    'born in Jamaica; parents born in the 1950s',
    'aged 82, age band 16-17, 80+',
    'Tuesday, November 14',
    'invalid 2008-13-45 and 31/31/2008',
  ])('finds nothing in %p', (text) => {
    expect(scanText(text)).toEqual([]);
  });
});

describe('scanText: personal names', () => {
  it.each([
    ['Teacher says Emily Harcourt has bruises again.', 'Emily Harcourt'],
    ['Mrs. Delgado stopped answering the door.', 'Delgado'],
    ['M. Gilles Fortin menace ses voisins.', 'Gilles Fortin'],
    ['Mme Tremblay refuse les soins.', 'Tremblay'],
    ["Mlle Diallo a confié à l'infirmière que son oncle la menace.", 'Diallo'],
    ['selon madame nadeau, rien ne va', 'nadeau'],
    ['Mx Rivera runs the breakfast program.', 'Rivera'],
    ['Me Lefebvre représente la mère.', 'Lefebvre'],
    ['Constable Reyes attended twice.', 'Reyes'],
    ['A man named Harold keeps wandering.', 'Harold'],
    ['The youth goes by Skye online.', 'Skye'],
    ['He is known as Big Tony downtown.', 'Big Tony'],
    ['Her name is Fatima.', 'Fatima'],
    ['Une jeune nommée Océane a fugué.', 'Océane'],
    ["Il s'appelle Kevin et il a 15 ans.", 'Kevin'],
    ['Un homme surnommé Ti-Gus vend de la drogue.', 'Ti-Gus'],
    ['Sabrina told the counsellor she is scared.', 'Sabrina'],
    ["Jamal's mother says he stopped going to school.", 'Jamal'],
    ['The worker met Priya at the shelter.', 'Priya'],
    ['Police spoke with Tremblay about the threats.', 'Tremblay'],
    ['The Delgado family was evicted.', 'Delgado'],
    ['La famille Ouellet vit dans une roulotte.', 'Ouellet'],
    ["client jennifer says she can't go home", 'jennifer'],
    ['Her son Tyrell carries a knife.', 'Tyrell'],
    ['Le père, Karim Benali, a perdu son emploi.', 'Karim Benali'],
    ['Gilles FORTIN menace ses voisins.', 'Gilles FORTIN'],
    ['Youth disclosed that Svetlana Ivanova gives her pills.', 'Svetlana Ivanova'],
    ['Referral concerns Daniel Osei-Bonsu, 24.', 'Daniel Osei-Bonsu'],
    ['Jean-François Bélanger crie la nuit.', 'Jean-François Bélanger'],
    ['Per the principal, Joaquin Esteves brought a replica gun.', 'Joaquin Esteves'],
    ['Worker spoke with the Sokolovs on Monday.', 'Sokolovs'],
  ])('finds the name in %p', (text, expected) => {
    expect(slices(text)).toEqual([`NAME:${expected}`]);
  });

  it.each([
    'Brampton drop-in staff are worried about a regular.',
    'Peel Regional Police attended seven times.',
    'Hope is low that the family will engage.',
    'Grace period ends on the 15th.',
    'Will attend next week if possible.',
    'May need an interpreter.',
    'June was a hard month for the family.',
    'Rose Theatre staff called 911.',
    'Victoria Day weekend saw three overdoses.',
    'The family came from Jordan in 2019.',
    'Mother says the youth hit his sister.',
    'Senior, Youth, Adult and Mother are roles, not names.',
    'Ontario Works, ODSP, CAS and CMHA are involved.',
    "St. Michael's Hospital discharged him.",
    'William Osler Health System flagged the patient.',
    'The John Howard Society offered housing.',
    'Staff at Tim Hortons saw him sleeping.',
    "Tuesday's door knock moved to Friday.",
    'Mississauga, Toronto, Ottawa, Montréal, Gatineau and Laval tables met.',
    'Le CLSC de Hull et la DPJ sont impliqués.',
    'Maison Jean-Lapointe a refusé la demande.',
    'Elle travaille chez Desjardins depuis 2015.',
    'The Christian family and the Muslim family both attend.',
    'Lincoln M. Alexander Secondary School reported absences.',
    'Amber Alert issued Friday.',
    'Marché Jean-Talon et métro Jean-Talon.',
    'Terry Fox Run and Louis Riel Day.',
    '21 Division and 22 Division, Grade 9 and Grade 10.',
    'Mardi, jeudi et vendredi; en janvier, février et mars.',
  ])('finds nothing in %p', (text) => {
    expect(scanText(text)).toEqual([]);
  });
});

describe('scanText: ordinary de-identified narratives are accepted', () => {
  it.each([
    'Adult male, 40-59, living in his vehicle since spring; chronic alcohol use; two falls this month.',
    'Seven 911 calls in two weeks from one household about threats; weapons mentioned on Tuesday.',
    'Youth 16-17 associating with older peers involved in drug sales; missed 20 school days.',
    'Mother of four, 30-39, received an eviction notice for arrears of $4,850 on March 3.',
    'Paramedics were called at 2:15 am for an intoxicated senior; 21 Division attended.',
    'Loyer de 1 250 $ par mois pour un revenu de 980 $; avis d’éviction reçu le 3 mai.',
    'Appel au 911 à 23 h 30 samedi pour des cris; la Sûreté du Québec a été avisée.',
    'Élève de secondaire 3 qui a apporté un couteau à l’école lundi dernier.',
    'Since 2019 the family has lived in Brampton; Ontario Works cut benefits in June.',
    'Grandmother, 70s, caring for a toddler; CAS and Peel Children’s Centre involved.',
  ])('accepts %p', (text) => {
    expect(scanText(text)).toEqual([]);
  });
});

describe('scanText: offsets', () => {
  it('returns offsets into the original text, sorted and non-overlapping', () => {
    const text =
      'Mrs. Delgado (DOB 2008-11-02) lives at 210 Ray Lawson Boulevard, unit 5, L6Y 0A1; call 647.555.0102 or write k.osei@outlook.com. SIN 193-456-787, health card 1234 567 897 AB.';
    const findings = scanText(text);
    expectWellFormed(text, findings);
    expect(findings.map((f) => `${f.kind}:${text.slice(f.start, f.end)}`)).toEqual([
      'NAME:Delgado',
      'DOB:2008-11-02',
      'ADDRESS:210 Ray Lawson Boulevard, unit 5',
      'POSTAL_CODE:L6Y 0A1',
      'PHONE:647.555.0102',
      'EMAIL:k.osei@outlook.com',
      'SIN:193-456-787',
      'HEALTH_CARD:1234 567 897 AB',
    ]);
  });

  it('keeps combining accents inside the span', () => {
    const text = 'Mme Co\u0302te\u0301 a quitté le foyer.';
    expect(slices(text)).toEqual(['NAME:Co\u0302te\u0301']);
  });

  it('sees through zero-width characters and keeps them inside the span', () => {
    const text = 'call 647\u200b555\u200b0102 now';
    expect(slices(text)).toEqual(['PHONE:647\u200b555\u200b0102']);
  });

  it('handles typographic apostrophes and non-breaking spaces', () => {
    expect(slices('Mme\u00a0Côté, 82 ans')).toEqual(['NAME:Côté']);
    expect(slices('Le jeune s’appelle Mathis.')).toEqual(['NAME:Mathis']);
  });

  it('counts UTF-16 offsets after characters outside the BMP', () => {
    const text = '😀😀 call 647-555-0102';
    const [f] = scanText(text);
    expect(f.start).toBe(text.indexOf('647'));
    expect(text.slice(f.start, f.end)).toBe('647-555-0102');
  });

  it('gives the more specific kind the overlapping characters', () => {
    // the e-mail's local part holds a gazetteer name; the e-mail wins and nothing is double-reported
    expect(slices('Neighbour wrote from emily.harcourt@gmail.com today')).toEqual(['EMAIL:emily.harcourt@gmail.com']);
  });
});

describe('scanText: known values from the identity vault', () => {
  const vault: ScanOptions = {
    knownValues: [
      { kind: 'NAME', value: 'Hélène Côté' },
      { kind: 'NAME', value: 'Will' },
      { kind: 'NAME', value: 'Marc' },
      { kind: 'DOB', value: '2008-11-02' },
      { kind: 'ADDRESS', value: '210 Ray Lawson Boulevard, Unit 5, Brampton' },
      { kind: 'PHONE', value: '647-555-0102' },
      { kind: 'ADDRESS', value: 'Ferme Lacroix' },
    ],
  };

  it('matches a name accent- and case-insensitively as whole words', () => {
    expect(slices('update: helene cote was seen at the shelter', vault)).toEqual(['NAME:helene cote']);
    expect(slices('HÉLÈNE-CÔTÉ called back', vault)).toEqual(['NAME:HÉLÈNE-CÔTÉ']);
    expect(slices('the worker saw helene twice', vault)).toEqual(['NAME:helene']);
  });

  it('matches each part of a known name, but a part that is an everyday word only when capitalised', () => {
    // "cote" is also a French word (a rating): lower case it is not the name
    expect(scanText('la cote du logement a baissé', vault)).toEqual([]);
    expect(slices('la voisine a vu Cote hier', vault)).toEqual(['NAME:Cote']);
  });

  it('does not match inside other words', () => {
    expect(scanText('the March meeting at the marcottes', vault)).toEqual([]);
  });

  it('needs capitals for a known name that is also an everyday word', () => {
    expect(scanText('staff will attend on Monday', vault)).toEqual([]);
    expect(slices('staff said Will attended on Monday', vault)).toEqual(['NAME:Will']);
  });

  it('matches a known phone number whatever its separators', () => {
    expect(slices('number is 6475550102 or (647) 555 0102', vault)).toEqual(['PHONE:6475550102', 'PHONE:(647) 555 0102']);
  });

  it('matches the known date of birth written another way', () => {
    expect(kinds('she turns 17 on 11/02/2008 per the form', vault)).toEqual(['DOB']);
  });

  it('matches the known street address without its type, unit or city', () => {
    expect(slices('she is back at 210 Ray Lawson since Friday', vault)).toEqual(['ADDRESS:210 Ray Lawson']);
  });

  it('reports the kind given with the value', () => {
    expect(slices('the youth stays at ferme lacroix on weekends', vault)).toEqual(['ADDRESS:ferme lacroix']);
  });

  it('ignores empty values and unknown kinds', () => {
    const odd = {
      knownValues: [
        { kind: 'NAME', value: ' ' },
        { kind: 'PASSPORT', value: 'Lacroix' },
      ],
    } as unknown as ScanOptions;
    expect(scanText('the youth stays at ferme lacroix', odd)).toEqual([]);
  });

  it('finds nothing when no known value occurs', () => {
    expect(scanText('the youth stays with an aunt on weekends', vault)).toEqual([]);
  });
});

describe('scanFields and helpers', () => {
  it('scans several named fields and skips absent ones', () => {
    const findings = scanFields({
      narrative: 'Mrs. Delgado stopped answering the door.',
      update: 'Call 416-555-0199 tomorrow.',
      decision: undefined,
      rationale: null,
      notes: 'Adult male, 40-59, sleeping in a bus shelter.',
    });
    expect(findings).toEqual([
      { field: 'narrative', kind: 'NAME', start: 5, end: 12 },
      { field: 'update', kind: 'PHONE', start: 5, end: 17 },
    ]);
  });

  it('passes known values on to every field', () => {
    const findings = scanFields({ a: 'saw helene today', b: 'nothing here' }, { knownValues: [{ kind: 'NAME', value: 'Hélène' }] });
    expect(findings).toEqual([{ field: 'a', kind: 'NAME', start: 4, end: 10 }]);
  });

  it('summarises kinds and counts without the text', () => {
    const findings = scanText('Call 416-555-0199 or 647.555.0102, or Mrs. Delgado.');
    expect(summarizeFindings(findings)).toEqual({ PHONE: 2, NAME: 1 });
  });

  it('exports the length limit callers must enforce', () => {
    expect(MAX_SCAN_LENGTH).toBe(20000);
  });

  it('returns nothing for empty text', () => {
    expect(scanText('')).toEqual([]);
  });
});

describe('scanText: disguised personal information (offsets in the original text)', () => {
  it.each([
    [
      'mathematical bold letters',
      'Teacher says \u{1d404}\u{1d426}\u{1d422}\u{1d425}\u{1d432} \u{1d407}\u{1d41a}\u{1d42b}\u{1d41c}\u{1d428}\u{1d42e}\u{1d42b}\u{1d42d} has bruises.',
      'NAME',
      '\u{1d404}\u{1d426}\u{1d422}\u{1d425}\u{1d432} \u{1d407}\u{1d41a}\u{1d42b}\u{1d41c}\u{1d428}\u{1d42e}\u{1d42b}\u{1d42d}',
    ],
    ['full-width letters', 'Teacher says Ｅｍｉｌｙ Ｈａｒｃｏｕｒｔ has bruises.', 'NAME', 'Ｅｍｉｌｙ Ｈａｒｃｏｕｒｔ'],
    ['Cyrillic and Greek look-alikes', 'Teacher says \u0415mily \u041d\u0430rc\u03bfurt has bruises.', 'NAME', '\u0415mily \u041d\u0430rc\u03bfurt'],
    [
      'Arabic-Indic digits',
      'Call the aunt at \u0664\u0661\u0666-\u0665\u0665\u0665-\u0660\u0661\u0669\u0669 tonight.',
      'PHONE',
      '\u0664\u0661\u0666-\u0665\u0665\u0665-\u0660\u0661\u0669\u0669',
    ],
    ['Devanagari digits in a SIN', 'SIN \u0967\u096f\u0969 \u096a\u096b\u096c \u096d\u096e\u096d on file.', 'SIN', '\u0967\u096f\u0969 \u096a\u096b\u096c \u096d\u096e\u096d'],
    ['mathematical digits', 'Call \u{1d7d2}\u{1d7d1}\u{1d7d4}-555-0199 now.', 'PHONE', '\u{1d7d2}\u{1d7d1}\u{1d7d4}-555-0199'],
    ['O for 0 and l for 1 in a phone', 'Call the aunt at 4l6-555-OlO2 tonight.', 'PHONE', '4l6-555-OlO2'],
    ['underscores between digit groups', 'Call the aunt at 647_555_0102 tonight.', 'PHONE', '647_555_0102'],
    ['slashes between digit groups', 'Call the aunt at 647/555/0102 tonight.', 'PHONE', '647/555/0102'],
    ['commas between digit groups', 'Call the aunt at 647,555,0102 tonight.', 'PHONE', '647,555,0102'],
    ['one digit at a time', 'Call the aunt at 6 4 7 5 5 5 0 1 0 2 tonight.', 'PHONE', '6 4 7 5 5 5 0 1 0 2'],
    ['digits in English words', 'Call the aunt at six four seven, five five five, oh one oh two tonight.', 'PHONE', 'six four seven, five five five, oh one oh two'],
    ['"double" and "oh" as read aloud', 'Call six four seven, double five five, oh one double oh tonight.', 'PHONE', 'six four seven, double five five, oh one double oh'],
    [
      'grouped English number words',
      'Call the aunt at six forty-seven, five fifty-five, zero one zero two tonight.',
      'PHONE',
      'six forty-seven, five fifty-five, zero one zero two',
    ],
    [
      'French number words',
      'Appeler la tante au six cent treize, cinq cent cinquante-cinq, zéro un zéro deux ce soir.',
      'PHONE',
      'six cent treize, cinq cent cinquante-cinq, zéro un zéro deux',
    ],
    ['a SIN in words', 'His SIN is one nine three, four five six, seven eight seven.', 'SIN', 'one nine three, four five six, seven eight seven'],
    ['a health card with letters for digits', 'Health card l234 567 897 AB flagged.', 'HEALTH_CARD', 'l234 567 897 AB'],
    ['a postal code with O for 0', 'Rooming house near L6Y OA1 again.', 'POSTAL_CODE', 'L6Y OA1'],
    ['a postal code spelled out', 'Rooming house near L-6-Y-0-A-1 again.', 'POSTAL_CODE', 'L-6-Y-0-A-1'],
    ['a postal code with French number words', 'Secteur C cinq J deux S huit, sans chauffage.', 'POSTAL_CODE', 'C cinq J deux S huit'],
    ['a date with O for 0', 'Youth (DOB 2OO8-11-O2) left the shelter.', 'DOB', '2OO8-11-O2'],
    ['a date with odd separators', 'Youth (DOB 2008 / 11 / 02) left the shelter.', 'DOB', '2008 / 11 / 02'],
    ['a date in English words', 'Youth born on the second of November two thousand eight left.', 'DOB', 'second of November two thousand eight'],
    ['a date in French words', 'Jeune née le douze mai deux mille dix, en fugue.', 'DOB', 'douze mai deux mille dix'],
    ['a date with a look-alike month', 'Client born N\u043evember 2, 2008 refuses services.', 'DOB', 'N\u043evember 2, 2008'],
    ['a civic number in words', 'Hoarding found at twelve Birchwood Crescent last week.', 'ADDRESS', 'twelve Birchwood Crescent'],
    ['a civic number with O for 0', 'Police called to 4O Falconer Drive again.', 'ADDRESS', '4O Falconer Drive'],
    ['a French street in lower case', 'Accumulation constatée au 1001 rue ontario, sous-sol.', 'ADDRESS', '1001 rue ontario'],
    ['a French civic number in words', 'Accumulation constatée au trois cent douze rue des Pins.', 'ADDRESS', 'trois cent douze rue des Pins'],
  ] as const)('%s', (_what, text, kind, span) => {
    expect(slices(text)).toContain(`${kind}:${span}`);
  });

  it.each([
    ['at ... dot', 'Concern sent from k dot osei at gmail dot com today.', 'k dot osei at gmail dot com'],
    ['brackets', 'Write to k.osei [at] outlook [dot] com today.', 'k.osei [at] outlook [dot] com'],
    ['braces and capitals', 'Write to kosei{at}hotmail DOT ca today.', 'kosei{at}hotmail DOT ca'],
    ['arobase ... point', 'Écrire à marc.lebel arobase videotron point ca demain.', 'marc.lebel arobase videotron point ca'],
    ['spaced symbols', 'Write to k . osei @ outlook . com today.', 'k . osei @ outlook . com'],
    ['look-alike @ and dot', 'Write to k.osei\uff20outlook\u3002com today.', 'k.osei\uff20outlook\u3002com'],
    ['(@)', 'Write to harcourt.e(@)hotmail [dot] ca today.', 'harcourt.e(@)hotmail [dot] ca'],
    ['spelled out', 'Write to k-o-s-e-i at g-m-a-i-l dot com today.', 'k-o-s-e-i at g-m-a-i-l dot com'],
  ] as const)('finds a written-out e-mail address: %s', (_what, text, span) => {
    expect(slices(text)).toContain(`EMAIL:${span}`);
  });

  it.each([
    ['letters with hyphens', 'Shelter staff know him as T-Y-R-O-N-E now.', 'T-Y-R-O-N-E'],
    ['letters with spaces', 'Neighbour says m a r i a   g o n z a l e z is alone.', 'g o n z a l e z'],
    ['letters with dots', 'Worker spoke with Sophie G.A.G.N.O.N about the debts.', 'Sophie G.A.G.N.O.N'],
    ['a full name in lower case', 'Teacher says chloe bergeron has bruises again.', 'chloe bergeron'],
    ['a lower-case given name, an unknown word and a verb', 'Teacher says emily harcourt has bruises again.', 'emily harcourt'],
    ['a family name cut in two', 'Teacher says Lucas Trem blay has bruises again.', 'Lucas Trem blay'],
    ['digits for letters', 'Teacher says J0hn Sm1th has bruises again.', 'J0hn Sm1th'],
  ] as const)('finds a disguised name: %s', (_what, text, span) => {
    expect(slices(text)).toContain(`NAME:${span}`);
  });

  const vault: ScanOptions = {
    knownValues: [
      { kind: 'NAME', value: 'Hannah Fitzgerald' },
      { kind: 'ADDRESS', value: '210 Ray Lawson Boulevard, Unit 5' },
    ],
  };

  it.each([
    ['the street without its number', 'Update: youth seen again near Ray Lawson Blvd after curfew.', 'ADDRESS:Ray Lawson Blvd'],
    ['the street name in lower case', 'Update: youth seen again near ray lawson after curfew.', 'ADDRESS:ray lawson'],
    ['the known family name cut in two', 'Update: fitz gerald kept the appointment.', 'NAME:fitz gerald'],
    ['the known family name spelled out', 'Update: F-I-T-Z-G-E-R-A-L-D kept the appointment.', 'NAME:F-I-T-Z-G-E-R-A-L-D'],
    ['the known name with look-alike letters', 'Update: H\u0430nn\u0430h kept the appointment.', 'NAME:H\u0430nn\u0430h'],
  ] as const)('later text: finds %s against the vault', (_what, text, expected) => {
    expect(slices(text, vault)).toContain(expected);
  });

  it.each([
    'He talks about getting rich at the dot-com he wants to start.',
    'Youth rides the O-line bus to school two or three times a week.',
    'The C-A-S worker and the O-P-P officer attended on Tuesday.',
    'Five or six youths gather at the park; one of them is fourteen.',
    'She owes three hundred and fifty dollars to a man who visits twice a week.',
    'Grace period on the rent ended; the will to keep going is low, says the worker.',
    'Risk score went from 3 / 10 to 8 / 10 in two weeks.',
    'Room 1O2 at the shelter has a broken lock.',
    'Elle paie six cent treize dollars pour une chambre sans chauffage.',
    'On fera le point vendredi à onze heures trente.',
    '\u{1d414}\u{1d42b}\u{1d420}\u{1d41e}\u{1d427}\u{1d42d}: adult female, no food in the unit.',
    'He works at Amazon.ca and sleeps in his car.',
    'Rooms 101, 102, 110 and 111 flooded; repairs of 1,250,000 are planned.',
    'She is double booked and will triple check the list of two or three shelters.',
    'Take B12 daily; the H1N1 shot and the 4th-floor clinic are booked.',
  ])('accepts the clean look-alike %p', (text) => {
    expect(scanText(text)).toEqual([]);
  });

  it('accepts later text that mentions other streets and no part of the known name', () => {
    expect(scanText('Update: the client went to the clinic on Queen Street and kept the appointment.', vault)).toEqual([]);
  });

  it('keeps findings well-formed and inside the original text whatever the disguise', () => {
    const text = 'Mrs. \u{1d404}\u{1d426}\u{1d422}\u{1d425}\u{1d432}, six four seven five five five zero one zero two, k dot osei at gmail dot com, L-6-Y-0-A-1.';
    const findings = scanText(text);
    expectWellFormed(text, findings);
    expect(findings.map((f) => f.kind)).toEqual(['NAME', 'PHONE', 'EMAIL', 'POSTAL_CODE']);
  });
});

describe('scanText: adversarial input (ReDoS safety; timing is measured in bench/pii-speed.ts)', () => {
  const inputs = adversarialInputs(100_000);
  /** What each input must produce: the kinds found (exactly), or "none". */
  const expected: Record<string, PiiKind[]> = {
    digits: [],
    spaces: [],
    'a.': [],
    'capitalised words': ['NAME'],
    'capitalised unknown words': [],
    'digit groups': [],
    'digits and dashes': [],
    'at signs': [],
    'local part then @': [],
    'dots and letters for e-mail': [],
    'civic numbers': [],
    'French streets': ['ADDRESS'],
    'dates without year': [],
    'postal-like': [],
    honorifics: [],
    introducers: [],
    'hyphenated word': [],
    apostrophes: [],
    accents: [],
    'combining accents': [],
    'zero-width': [],
    'one long word': [],
    'plus signs and digits': [],
    'parentheses and digits': [],
    'street addresses': ['ADDRESS'],
    'slashes and digits': [],
    'hash, digits and dashes': [],
    'letters and digits': [],
    'names with ages': ['NAME'],
    'birth words': [],
    newlines: [],
    'number words': [],
    'French number words': [],
    'letters spelled out': ['NAME'],
    'digits spelled out': [],
    'letters for digits': [],
    'written-out e-mail': ['EMAIL'],
    'at and dot words': [],
    'names cut in two': ['NAME'],
    'look-alike letters': ['NAME'],
    'mathematical letters': ['NAME'],
    'mixed narrative': ['DOB', 'HEALTH_CARD', 'NAME', 'PHONE', 'POSTAL_CODE'],
  };

  it('covers every adversarial input with an expectation', () => {
    expect(inputs.map((i) => i.name).sort()).toEqual(Object.keys(expected).sort());
  });

  it.each(inputs.map((i) => [i.name, i.text] as const))('scans %p (100 kB) and returns sane findings', (name, text) => {
    expect(text.length).toBe(100_000);
    const findings = scanText(text);
    expectWellFormed(text, findings);
    expect([...new Set(findings.map((f) => f.kind))].sort()).toEqual([...expected[name]].sort());
  });
});

describe('scanText: work grows linearly with the text (pages of capitalised words)', () => {
  // Capitalised words are judged in runs of a few words; when a run's first word is not evidence the
  // rest of the run is judged again. No pass may go back over the text for every word: four times
  // the text must cost about four times the work (a quadratic pass would cost sixteen times).
  const fill = (unit: string, size: number): string => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
  const PAGES = [
    'Xyzzy Qwerty ', // the adversarial "capitalised unknown words": every word is dropped
    'X. Xyzzy Qwerty ', // initials inside the runs
    'Xyzzy van Qwerty de la Plugh ', // particles inside the runs
    'XYZZY QWERTY ', // all capitals
    'Xyzzy Qwerty says ', // two-word subjects
    'Emily ', // known given names, marked
    'Emily Xyzzy Tremblay Qwerty ', // known and unknown mixed
  ];

  /** Reads of the token array by the name detector (a count of work done, not a timing). */
  function tokenReads(text: string): number {
    const tokens = tokenize(text);
    let reads = 0;
    const counted = new Proxy(tokens, {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    findNames(text, [], counted);
    return reads;
  }

  it.each(PAGES)('the name detector reads the tokens of %p about 4x as often for 4x the text', (unit) => {
    const small = tokenReads(fill(unit, 10_000));
    const large = tokenReads(fill(unit, 40_000));
    expect(small).toBeGreaterThan(0);
    expect(large / small).toBeLessThan(5);
  });
  // scanText's speed on 25 kB and 100 kB inputs is measured by `npm run bench:pii` (a ratio to time is a
  // benchmark, not a test: timed tests are flaky on shared machines); the read count above is exact.
});

describe('corpus metrics', () => {
  const corpus = parseCases(JSON.parse(readFileSync(CORPUS_PATH, 'utf8')));

  it('has at least 300 narratives, half clean, every kind, about a third French', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(300);
    expect(corpus.filter((c) => c.pii.length === 0).length).toBeGreaterThanOrEqual(150);
    const covered = new Set(corpus.flatMap((c) => c.pii));
    expect([...covered].sort()).toEqual([...PII_KINDS].sort());
    const french = corpus.filter((c) => c.lang === 'fr').length / corpus.length;
    expect(french).toBeGreaterThan(0.25);
  });

  it('meets the targets on the project corpus: recall >= 0.95, false refusals <= 0.05', () => {
    const report = evaluateCorpus(corpus);
    expect(report.recall).toBeGreaterThanOrEqual(0.95);
    expect(report.falseRefusalRate).toBeLessThanOrEqual(0.05);
  });

  it('gets every case of the shared sample right', () => {
    expect(existsSync(SHARED_SAMPLE_PATH)).toBe(true);
    const shared = parseCases(JSON.parse(readFileSync(SHARED_SAMPLE_PATH, 'utf8')));
    const report = evaluateCorpus(shared);
    expect(report.cases).toBeGreaterThanOrEqual(24);
    expect(report.recall).toBeGreaterThanOrEqual(0.95);
    expect(report.falseRefusalRate).toBeLessThanOrEqual(0.05);
    expect(report.mistakes).toEqual([]);
  });
});
