import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * The privacy boundary is a module boundary (style.md): only src/modules/identity-vault/ touches
 * identifying data. Other code may use its service and module, nothing else, and no other code
 * names the identity_vault table.
 */
const SRC = __dirname;
const VAULT = join(SRC, 'modules', 'identity-vault');
const PUBLIC_FILES = new Set(['identity-vault.service', 'identity-vault.module']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

const outside = sourceFiles(SRC).filter((f) => !f.startsWith(VAULT));

describe('architecture: the identity vault boundary', () => {
  it('finds the source files it checks', () => {
    expect(outside.length).toBeGreaterThan(50);
  });

  it('lets other modules import only the vault service and module', () => {
    const offenders: string[] = [];
    for (const file of outside) {
      for (const m of readFileSync(file, 'utf8').matchAll(/from '([^']*identity-vault\/([^']+))'/g)) {
        if (!PUBLIC_FILES.has(m[2])) offenders.push(`${relative(SRC, file)} imports ${m[1]}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('keeps every query of the identity_vault table inside the vault module', () => {
    const offenders = outside.filter((f) => /\bidentity_vault\b/.test(readFileSync(f, 'utf8'))).map((f) => relative(SRC, f));
    expect(offenders).toEqual([]);
  });

  it('never logs with console in src', () => {
    const offenders = sourceFiles(SRC).filter((f) => /\bconsole\.(log|info|debug|warn|error)\(/.test(readFileSync(f, 'utf8'))).map((f) => relative(SRC, f));
    expect(offenders).toEqual([]);
  });
});

/** Every CSV the server writes goes through common/http/csv.ts, which neutralises formulas (api.md). */
describe('architecture: one CSV writer', () => {
  const ROOT = join(SRC, '..');
  const WRITER = join(SRC, 'common', 'http', 'csv.ts');
  const everyFile = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : everyFile(path);
      return /\.(ts|js|mjs|cjs)$/.test(name) ? [path] : [];
    });
  const files = ['src', 'bench', 'test', 'migrations'].flatMap((d) => everyFile(join(ROOT, d)));

  it('finds the CSV writer and the code it checks', () => {
    expect(files).toContain(WRITER);
    expect(files.length).toBeGreaterThan(100);
  });

  it('lets no other code use csv-stringify directly', () => {
    const offenders = files.filter((f) => f !== WRITER && /['"]csv-stringify(\/[^'"]*)?['"]/.test(readFileSync(f, 'utf8'))).map((f) => relative(ROOT, f));
    expect(offenders).toEqual([]);
  });
});
