import { contextWords, estimatedHead, PASSWORD_ESTIMATED_LENGTH, PASSWORD_MAX, PASSWORD_MIN, passwordProblem } from './password-policy';

const USER = ['jean.tremblay@sante-nord.example.org', 'Jean Tremblay', 'Santé Nord Health Services', 'Table Kawartha Lakes', 'TKL', 'Kawartha'];

describe('password policy (zxcvbn-ts, NIST SP 800-63B)', () => {
  it('loads the dictionaries once: later checks cost a small fraction of the first', () => {
    const time = (f: () => void) => {
      const started = process.hrtime.bigint();
      f();
      return Number(process.hrtime.bigint() - started) / 1e6;
    };
    const first = time(() => passwordProblem('warm-up-the-dictionaries-0192'));
    const later =
      time(() => {
        for (let i = 0; i < 10; i++) passwordProblem(`Vq9!mZ2#rT7@kL4$-${i}`);
      }) / 10;
    process.stdout.write(`password policy: first check ${first.toFixed(0)} ms (dictionaries), then ${later.toFixed(1)} ms a check\n`);
    expect(later).toBeLessThan(first / 3);
  });

  it.each([
    'a-long-invented-passphrase-42',
    'an-invented-temporary-passphrase-17',
    'correct horse battery staple',
    'Vq9!mZ2#rT7@kL4$',
    'soleil-printemps-lanterne-2024',
    'Mon chat mange des tomates vertes',
    'x'.repeat(0) + 'glimmer-quokka-tundra-88',
  ])('accepts a strong password: %s', (password) => {
    expect(passwordProblem(password, USER)).toBeNull();
  });

  it.each([
    ['breached, 12+ characters', 'password1234'],
    ['breached with a symbol', 'password123!'],
    ['keyboard walk', 'qwertyuiop12'],
    ['keyboard walk, columns', '1qaz2wsx3edc'],
    ['keyboard walk, azerty', 'azertyuiop123'],
    ['digits counting', '123456789012'],
    ['one character repeated', 'aaaaaaaaaaaaaaaa'],
    ['a short block repeated', 'abc123abc123abc123'],
    ['alphabet sequence', 'abcdefghijklmnop'],
    ['a French word and digits', 'motdepasse123'],
    ['an English word and a year', 'sunshine2024!'],
    ['l33t of a common word', 'P@ssw0rd12345'],
    ['a first name and a date', 'Jennifer19850412'],
    ['the application name', 'situationtable'],
    ['the application name with digits', 'SituationTable2025'],
    ['the e-mail address', 'jean.tremblay@sante-nord.example.org'],
    ['the e-mail local part and digits', 'jeantremblay1985'],
    ['the display name reversed and digits', 'tremblayjean2024'],
    ['the agency name', 'SanteNordHealth1'],
    ['the table name', 'KawarthaLakes2024'],
    ['the table code and region', 'TKLKawartha2025!'],
  ])('refuses a guessable password: %s', (_why, password) => {
    expect(passwordProblem(password, USER)).toMatch(/too easy to guess/);
  });

  it('refuses what is only weak because of the user: the same password passes for someone else', () => {
    expect(passwordProblem('KawarthaTremblay77', USER)).toMatch(/too easy to guess/);
    expect(passwordProblem('KawarthaTremblay77', ['someone@else.example.org', 'Someone Else'])).toBeNull();
  });

  it(`keeps the length rule: ${PASSWORD_MIN} to ${PASSWORD_MAX} characters, counted in code points`, () => {
    expect(passwordProblem('Vq9!mZ2#rT7')).toMatch(/at least 12/);
    expect(passwordProblem('Vq9!mZ2#rT7@')).toBeNull();
    expect(passwordProblem('🦊🐙🦉🐝🦋🐢🦀🐬🦜🐌🦑🐞')).toBeNull();
    expect(passwordProblem('🦊🐙🦉🐝🦋🐢🦀🐬🦜🐌🦑')).toMatch(/at least 12/);
    const long = Array.from({ length: 129 }, (_, i) => 'Vq9!mZ2#rT7@kL4$'[i % 16] + String.fromCharCode(97 + ((i * 7) % 26)))
      .join('')
      .slice(0, 129);
    expect(passwordProblem(long)).toMatch(/at most 128/);
    expect(passwordProblem(123 as unknown as string)).toBe('must be a string');
  });

  it('judges the first 64 code points only: what follows cannot rescue a weak head, nor sink a strong one', () => {
    for (const password of ['a1'.repeat(64), 'P@ssw0rd'.repeat(16), '0123456789'.repeat(12) + 'abcdefgh', 'aA1!'.repeat(32), '🦊x'.repeat(64)]) {
      const head = estimatedHead(password);
      expect([...head]).toHaveLength(PASSWORD_ESTIMATED_LENGTH);
      expect(password.startsWith(head)).toBe(true);
      expect(passwordProblem(password, USER)).toBe(passwordProblem(head, USER));
    }
    expect(estimatedHead('Vq9!mZ2#rT7@')).toBe('Vq9!mZ2#rT7@');
    // a weak head is refused whatever follows; a strong head is accepted whatever follows
    expect(passwordProblem('a'.repeat(64) + 'Vq9!mZ2#rT7@kL4$')).toMatch(/too easy/);
    const strong = 'Vq9!mZ2#rT7@kL4$';
    expect(passwordProblem(strong + 'a'.repeat(48) + 'password'.repeat(8))).toBeNull();
  });

  it('splits the context into words: e-mail parts, name words, lower-cased', () => {
    expect(contextWords(['Jean.Tremblay@Sante-Nord.example.org', 'Marie-Ève Côté', null, 'TKL'])).toEqual(
      expect.arrayContaining(['jean.tremblay@sante-nord.example.org', 'jean', 'tremblay', 'sante', 'nord', 'example', 'org', 'marie', 'ève', 'eve', 'côté', 'cote', 'tkl']),
    );
  });
});
