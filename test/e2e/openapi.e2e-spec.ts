import { validate } from '@readme/openapi-parser';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ErrorCode } from '../../src/common/errors/error-codes';
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

  it('answers a URL Fastify cannot route with the documented error body (found by the response check)', async () => {
    const api = new Api(t);
    const bad = await api.as().get('/agencies/%ED%A0%80').expect(400);
    expect(bad.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED', details: { fields: [{ field: 'path', problem: 'is not a valid URL' }] } });
    const long = await api
      .as()
      .get(`/agencies/${'a'.repeat(201)}`)
      .expect(400);
    expect(long.body).toMatchObject({ code: 'VALIDATION_FAILED', details: { fields: [{ field: 'path', problem: 'has a segment longer than 200 characters' }] } });
  });

  it('is the same served under Jest and built without a server', async () => {
    expect(await buildDocumentWithoutServer()).toEqual(served);
  });

  it('is the same from the compiled server (dist/, after nest build)', () => {
    ensureBuilt();
    const out = execFileSync(process.execPath, [join(ROOT, 'dist', 'src', 'openapi-document.js')], { cwd: ROOT, encoding: 'utf8', maxBuffer: 32 * 1024 * 1024 });
    expect(JSON.parse(out)).toEqual(served);
  });

  it('is a valid OpenAPI 3.1 document for an independent parser (@readme/openapi-parser): 0 errors, 0 warnings', async () => {
    const result = await validate(structuredClone(served) as never, { validate: { errors: { colorize: false } } });
    expect({ valid: result.valid, errors: 'errors' in result ? result.errors.map((e) => e.message) : [], warnings: result.warnings.map((w) => w.message) }).toEqual({
      valid: true,
      errors: [],
      warnings: [],
    });
  });

  it('has a success response with a schema (or 204) for every operation, and the error codes of ErrorCode', () => {
    const paths = served.paths as Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema?: unknown }> }> }>>;
    const missing: string[] = [];
    for (const [path, item] of Object.entries(paths)) {
      for (const [method, op] of Object.entries(item)) {
        const success = Object.entries(op.responses).filter(([status]) => status.startsWith('2'));
        const described = success.length > 0 && success.every(([status, r]) => status === '204' || Object.values(r.content ?? {}).some((m) => m.schema));
        if (!described) missing.push(`${method.toUpperCase()} ${path}`);
      }
    }
    expect(missing).toEqual([]);
    const codes = (served.components as { schemas: Record<string, { properties: { code: { enum: string[] } } }> }).schemas.ErrorBody.properties.code.enum;
    expect(codes).toEqual(Object.values(ErrorCode));
  });

  it('matches the checked-in client types (web/src/api/schema.d.ts); else run `npm run api:client`', async () => {
    // the served document (equal to the one npm run api:client reads, above); the rendering sorts its keys
    const document = served;
    const dir = mkdtempSync(join(tmpdir(), 'st-openapi-'));
    try {
      writeFileSync(join(dir, 'doc.json'), JSON.stringify(document));
      const expected = execFileSync(process.execPath, [join(ROOT, 'scripts', 'api-client.js'), '--render', join(dir, 'doc.json')], {
        cwd: ROOT,
        encoding: 'utf8',
        maxBuffer: 32 * 1024 * 1024,
      });
      const target = join(ROOT, 'web', 'src', 'api', 'schema.d.ts');
      const actual = existsSync(target) ? readFileSync(target, 'utf8') : '(missing)';
      if (actual !== expected) throw new Error(`${target} is not the client types of the served document: run \`npm run api:client\` and commit the file`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
