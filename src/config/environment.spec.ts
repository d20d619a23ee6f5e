import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getMetadataStorage } from 'class-validator';
import { Environment } from './environment';

/** The variables the server validates: every property of Environment that carries a rule. */
function validated(): string[] {
  const names = getMetadataStorage()
    .getTargetValidationMetadatas(Environment, '', true, false)
    .map((m) => m.propertyName);
  return [...new Set(names)].sort();
}

describe('configuration files and documentation name every variable the server reads', () => {
  const root = join(__dirname, '..', '..');

  it('config/production.env.example lists each variable once, and only those', () => {
    const text = readFileSync(join(root, 'config', 'production.env.example'), 'utf8');
    const named = [...text.matchAll(/^#?([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]);
    expect(new Set(named).size).toBe(named.length);
    expect([...named].sort()).toEqual(validated());
  });

  it('the README configuration table has a row for each', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    for (const name of validated()) expect(readme).toMatch(new RegExp(`^\\| [^|]*\`${name}\``, 'm'));
  });
});
