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

/**
 * The rules of the house (README, "Module map"), kept by this test rather than by memory. Each
 * exception is named here with its reason.
 */
describe('architecture: the rules of the house', () => {
  const all = sourceFiles(SRC);
  const rel = (f: string) => relative(SRC, f).split('\\').join('/');
  const importsOf = (f: string): string[] => [...readFileSync(f, 'utf8').matchAll(/^(?:import|export)[^'";]*?from\s*['"]([^'"]+)['"]/gm)].map((m) => m[1]);
  const moduleOf = (f: string): string | null => /^modules\/([^/]+)\//.exec(rel(f))?.[1] ?? null;

  /** Pure rules: the state machine and write rules, the threshold, the PII detector, suppression and disclosure control, report periods, anomaly and refusal rules, the KEK policy. */
  const PURE = [
    /^modules\/situations\/domain\//,
    /^modules\/deidentification\/(pii-(?!evaluation|speed)[\w-]+|data\/[\w-]+)\.ts$/,
    /^modules\/reports\/(suppression|disclosure|period)\.ts$/,
    /^modules\/audit\/(anomaly-rules|refusal-summary)\.ts$/,
    /^modules\/identity-vault\/kek-policy\.ts$/,
  ];
  const FRAMEWORK = /^(@nestjs\/|typeorm$|pg$|@fastify\/|fastify$)|\.(service|repository|controller|module|guard|entity)$/;

  it('finds the pure rules it checks', () => {
    expect(all.filter((f) => PURE.some((p) => p.test(rel(f)))).length).toBeGreaterThanOrEqual(15);
  });

  it('keeps pure rules free of the framework and the database', () => {
    const offenders = all.filter((f) => PURE.some((p) => p.test(rel(f)))).flatMap((f) => importsOf(f).filter((i) => FRAMEWORK.test(i)).map((i) => `${rel(f)} imports ${i}`));
    expect(offenders).toEqual([]);
  });

  /**
   * SQL lives in repositories. Exceptions: the database bootstrap (migrations, grants, the
   * embedded server), the query helpers themselves, the principal cache's LISTEN/NOTIFY connection,
   * and the access guard's one lookup of a resource's table (common/authz/table-resolver.ts).
   */
  const SQL_ALLOWED = [/^database\//, /^common\/database\/query-result\.ts$/, /^modules\/auth\/principal-cache\.ts$/, /^common\/authz\/table-resolver\.ts$/];

  it('keeps SQL in repositories', () => {
    const offenders = all
      .filter((f) => !f.endsWith('.repository.ts') && !SQL_ALLOWED.some((p) => p.test(rel(f))))
      .filter((f) => /\.query\s*[(<]|preparedRows\s*\(|\b(SELECT|INSERT INTO|UPDATE|DELETE FROM)\s+[\w"*]/.test(readFileSync(f, 'utf8')))
      .map(rel);
    expect(offenders).toEqual([]);
  });

  it('lets no module import another module\'s repository (it uses the exported service)', () => {
    // Process entries (cli.ts wires the verifier for an auditor without the application) are not modules.
    const offenders = all.filter((f) => moduleOf(f) !== null).flatMap((f) => {
      const own = moduleOf(f);
      return importsOf(f)
        .filter((i) => /\.repository$/.test(i) && i.startsWith('.'))
        .filter((i) => moduleOf(join(f, '..', i)) !== own)
        .map((i) => `${rel(f)} imports ${i}`);
    });
    expect(offenders).toEqual([]);
  });

  it('keeps controllers away from the database, health included (they call services)', () => {
    const offenders = all
      .filter((f) => f.endsWith('.controller.ts'))
      .flatMap((f) => importsOf(f).filter((i) => /^(typeorm|pg)$|\.repository$/.test(i)).map((i) => `${rel(f)} imports ${i}`));
    expect(offenders).toEqual([]);
  });

  it('keeps common/ free of feature modules (they plug in through tokens such as RefusalRecorder)', () => {
    const offenders = all
      .filter((f) => rel(f).startsWith('common/'))
      .flatMap((f) => importsOf(f).filter((i) => /(^|\/)modules\//.test(i)).map((i) => `${rel(f)} imports ${i}`));
    expect(offenders).toEqual([]);
  });
});
