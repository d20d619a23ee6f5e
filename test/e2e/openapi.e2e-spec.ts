import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildDocumentWithoutServer } from '../../src/openapi-document';
import { Api } from '../support/api';
import { ensureBuilt, ROOT } from '../support/build';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * One document whatever compiled the code: metadata comes from the decorators alone (no Swagger
 * compiler plugin), so the server under Jest (swc), the built server (tsc, `nest build`) and the
 * document built without a server (npm run api:client) must be equal.
 */
describe('OpenAPI document: one source of truth', () => {
  let t: TestApp;
  let served: Record<string, unknown>;

  beforeAll(async () => {
    t = await createTestApp();
    served = (await new Api(t).as().get('/docs-json').expect(200)).body;
  });
  afterAll(() => t.close());

  it('is built without the Swagger compiler plugin (explicit decorators only)', () => {
    const nestCli = JSON.parse(readFileSync(join(ROOT, 'nest-cli.json'), 'utf8'));
    expect(nestCli.compilerOptions?.plugins ?? []).toEqual([]);
    expect(served.openapi).toBe('3.1.0');
  });

  it('is the same served under Jest and built without a server', async () => {
    expect(await buildDocumentWithoutServer()).toEqual(served);
  });

  it('is the same from the compiled server (dist/, after nest build)', () => {
    ensureBuilt();
    const out = execFileSync(process.execPath, [join(ROOT, 'dist', 'src', 'openapi-document.js')], { cwd: ROOT, encoding: 'utf8', maxBuffer: 32 * 1024 * 1024 });
    expect(JSON.parse(out)).toEqual(served);
  });
});
