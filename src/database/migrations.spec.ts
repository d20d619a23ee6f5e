import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Migrations are written by hand and never change once released: a deployment that ran one must
 * get the same schema as a fresh install. So a migration imports no live application code (only
 * typeorm and its own frozen data in migrations/data), and every file's hash is locked in
 * migrations/released.sha256. A new migration is added there in the commit that adds it:
 *   sha256sum migrations/<file>.ts >> migrations/released.sha256
 */
const ROOT = join(__dirname, '..', '..');
const DIR = join(ROOT, 'migrations');
const LOCK = join(DIR, 'released.sha256');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : name.endsWith('.ts') && name !== 'index.ts' ? [path] : [];
  });
}

const locked = new Map(
  readFileSync(LOCK, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => {
      const [hash, path] = l.trim().split(/\s+/);
      return [path, hash] as const;
    }),
);

describe('migrations', () => {
  const all = files(DIR).map((p) => relative(ROOT, p));

  it("are all locked: a released migration's text never changes", () => {
    const actual = all.map(
      (p) =>
        `${p} ${createHash('sha256')
          .update(readFileSync(join(ROOT, p)))
          .digest('hex')}`,
    );
    const expected = all.map((p) => `${p} ${locked.get(p) ?? 'not in migrations/released.sha256 (add it when the migration is written)'}`);
    expect(actual).toEqual(expected);
  });

  it('lock no file that is gone', () => {
    expect([...locked.keys()].filter((p) => !all.includes(p))).toEqual([]);
  });

  it('import nothing but typeorm and files of migrations/ itself (their frozen data)', () => {
    const imports = all.flatMap((p) => [...readFileSync(join(ROOT, p), 'utf8').matchAll(/^import[^'"]*['"]([^'"]+)['"]/gm)].map((m) => `${p}: ${m[1]}`));
    expect(imports.filter((i) => !/: (typeorm|\.\/(data\/)?[\w.-]+)$/.test(i))).toEqual([]);
  });

  it('are all listed in migrations/index.ts, in timestamp order', () => {
    const index = readFileSync(join(DIR, 'index.ts'), 'utf8');
    const listed = [...index.matchAll(/from '\.\/(\d+)-[\w]+'/g)].map((m) => m[1]);
    const onDisk = all.filter((p) => /^migrations\/\d+-/.test(p)).map((p) => /\/(\d+)-/.exec(p)![1]);
    expect(listed).toEqual([...onDisk].sort());
    expect([...listed].sort()).toEqual(listed);
  });
});
