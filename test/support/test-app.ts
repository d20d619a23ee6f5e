import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { appendFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import request from 'supertest';
import { createApp } from '../../src/app.factory';
import { ManualClock } from '../../src/common/clock/clock';
import { PinoNestLogger } from '../../src/common/logging/logger';
import { requestIdMixin } from '../../src/common/observability/request-context';
import { AppConfig, loadConfig } from '../../src/config/app-config';
import { ensureAppRole } from '../../src/database/prepare-database';
import { OpenApiDocument, OpenApiResponseValidator, validateResponses } from './openapi-validator';

/**
 * Every suite shares one database (and the `system` chain): one invented audit signing key for all
 * of them, so a head one suite signed verifies in another.
 */
export const TEST_AUDIT_SIGNING_KEY =
  'LS0tLS1CRUdJTiBQUklWQVRFIEtFWS0tLS0tCk1DNENBUUF3QlFZREsyVndCQ0lFSUR1S3pNOXgxQWlFMTJkS24yREpXek5EeDBYdmhYQmh4UXo2bmlmRlAralgKLS0tLS1FTkQgUFJJVkFURSBLRVktLS0tLQo=';

export const TEST_MASTER_KEY = Buffer.from(Array.from({ length: 32 }, (_, i) => (7 + i * 31) & 0xff)).toString('base64');

export interface TestApp {
  app: NestFastifyApplication;
  server: ReturnType<NestFastifyApplication['getHttpServer']>;
  clock: ManualClock;
  config: AppConfig;
  ownerUrl: string;
  appUrl: string;
  logs: string[];
  /** holds every response of the helpers against the document this server serves (/docs-json) */
  openapi: OpenApiResponseValidator;
  close(): Promise<void>;
}

/** The real application on the suite's PostgreSQL, as the non-owner role, with a movable clock. */
export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const ownerUrl = process.env.TEST_DATABASE_URL;
  if (!ownerUrl) throw new Error('TEST_DATABASE_URL is not set: run the suite through jest (global setup)');
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: ownerUrl,
    DATABASE_APP_URL: process.env.TEST_APP_DATABASE_URL ?? '',
    DATA_DIR: mkdtempSync(join(tmpdir(), 'st-test-')),
    JWT_SECRET: 'test-jwt-secret-0123456789abcdefghijklmnopqrstuvwxyz',
    IDENTITY_MASTER_KEY: TEST_MASTER_KEY,
    AUDIT_SIGNING_KEY: TEST_AUDIT_SIGNING_KEY,
    RATE_LIMIT_ENABLED: 'false',
    LOG_LEVEL: 'info',
    DB_POOL_SIZE: '8',
    // argon2id at 1 MiB and one pass: the suites sign in thousands of invented users (the standard cost is the default, tested in auth-hardening)
    PASSWORD_HASH_PROFILE: 'test-only-fast',
    ...env,
  });
  const appUrl = await ensureAppRole(ownerUrl, config);
  const logs: string[] = [];
  const logger = pino({ level: 'info', mixin: requestIdMixin }, { write: (line: string) => void logs.push(line) });
  const clock = new ManualClock();
  const app = await createApp({ config, databaseUrl: appUrl, logger, nestLogger: new PinoNestLogger(logger), clock, schedule: false, swaggerUi: false });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  // listening once on a loopback port: supertest sends to a server that listens, and only binds (and
  // closes) an ephemeral one per request for a server that does not (a seventh of the fuzz suite's time)
  await app.listen(0, '127.0.0.1');
  const server = app.getHttpServer();
  const docs = await request(server).get('/docs-json');
  if (docs.status !== 200) throw new Error(`GET /docs-json answered ${docs.status}`);
  const openapi = new OpenApiResponseValidator(docs.body as OpenApiDocument);
  const close = async () => {
    if (process.env.OPENAPI_STATS_FILE) appendFileSync(process.env.OPENAPI_STATS_FILE, `${JSON.stringify(Object.fromEntries(openapi.stats.byOperation))}\n`);
    await app.close();
  };
  return { app, server, clock, config, ownerUrl, appUrl, logs, openapi, close };
}

/**
 * `supertest(t.server)` whose every response is held against the served document (see
 * OpenApiResponseValidator): for tests that build their requests by hand.
 */
export function checkedRequest(t: Pick<TestApp, 'server' | 'openapi'>) {
  const agent = request(t.server);
  const wrap = (m: 'get' | 'post' | 'put' | 'patch' | 'delete' | 'head' | 'options') => (url: string) => validateResponses(t.openapi, agent[m](url));
  return { get: wrap('get'), post: wrap('post'), put: wrap('put'), patch: wrap('patch'), delete: wrap('delete'), head: wrap('head'), options: wrap('options') };
}

/**
 * The environment an operator's CLI gets next to a test app: the owner's URL, the suite's
 * application role (the CLI then leaves its password alone), the app's DATA_DIR and the servers'
 * master and audit signing keys (the CLI appends to their signed chains). Nothing of the user's shell
 * that would change the run (NODE_ENV, a bootstrap administrator).
 */
export function operatorCliEnv(t: TestApp): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['NODE_ENV', 'BOOTSTRAP_ADMIN_EMAIL', 'BOOTSTRAP_ADMIN_PASSWORD']) delete base[name];
  return {
    ...base,
    DATABASE_URL: t.ownerUrl,
    DATABASE_APP_URL: t.appUrl,
    DATA_DIR: t.config.dataDir,
    JWT_SECRET: 'cli-test-jwt-secret-0123456789abcdefghijklmnopqrstuvwxyz',
    IDENTITY_MASTER_KEY: TEST_MASTER_KEY,
    AUDIT_SIGNING_KEY: TEST_AUDIT_SIGNING_KEY,
    LOG_LEVEL: 'warn',
  };
}
