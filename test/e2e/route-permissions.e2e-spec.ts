import { Controller, ExecutionContext, Get } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { AppModule } from '../../src/app.module';
import { AccessRule, Public } from '../../src/common/authz/access-rule';
import { AppThrottlerGuard } from '../../src/common/authz/throttler.guard';
import { AccessGuard } from '../../src/common/authz/access.guard';
import { BearerStrategy } from '../../src/common/authz/passport-auth';
import { AuditService } from '../../src/modules/audit/audit.service';
import { TableResolver } from '../../src/common/authz/table-resolver';
import { DomainError } from '../../src/common/errors/domain-error';
import { ErrorCode } from '../../src/common/errors/error-codes';
import { loadConfig } from '../../src/config/app-config';
import { ensureAppRole } from '../../src/database/prepare-database';
import { RouteEntry, routesOf } from '../support/routes';
import { createTestApp, TEST_MASTER_KEY, TestApp } from '../support/test-app';

function describeRule(rule: AccessRule): string {
  switch (rule.kind) {
    case 'table':
      return `table(via ${rule.via}: ${[...rule.roles].join(', ')})`;
    default:
      return rule.kind;
  }
}

/**
 * Default deny, made visible: every route's access rule in one reviewed snapshot. A new route, or a
 * change in who may call one, shows as a snapshot diff (update it with `jest -u` after review).
 */
describe('route permissions', () => {
  let t: TestApp;
  let routes: RouteEntry[];

  beforeAll(async () => {
    t = await createTestApp();
    routes = routesOf(t.app);
  });
  afterAll(async () => {
    await t.close();
  });

  it('finds the application routes (sanity check of the enumeration)', () => {
    const keys = routes.map((r) => `${r.method} ${r.path}`);
    expect(keys).toEqual(expect.arrayContaining(['POST /api/v1/auth/login', 'GET /api/v1/auth/me', 'GET /health/ready', 'POST /api/v1/tables']));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('every route declares an access rule', () => {
    const undeclared = routes.filter((r) => !r.rule).map((r) => `${r.method} ${r.path} (${r.handler})`);
    expect(undeclared).toEqual([]);
  });

  it('every table rule names at least one role', () => {
    const empty = routes.filter((r) => r.rule?.kind === 'table' && r.rule.roles.length === 0).map((r) => `${r.method} ${r.path}`);
    expect(empty).toEqual([]);
  });

  it('matches the reviewed permission table', () => {
    const table = routes
      .map((r) => `${r.method} ${r.path} -> ${r.rule ? describeRule(r.rule) : 'UNDECLARED'}${r.temporaryPasswordOk ? ' (temporary password too)' : ''}`)
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    expect(table).toMatchSnapshot();
  });
});

describe('default deny', () => {
  @Controller('throwaway')
  class ThrowawayController {
    @Get('undeclared')
    undeclared(): { reached: true } {
      return { reached: true };
    }

    @Get('declared')
    @Public()
    declared(): { reached: true } {
      return { reached: true };
    }
  }

  const contextFor = (handler: (...args: unknown[]) => unknown): ExecutionContext =>
    ({
      getHandler: () => handler,
      getClass: () => ThrowawayController,
      getType: () => 'http',
      switchToHttp: () => ({ getRequest: () => ({ headers: {}, params: {} }), getResponse: () => ({}), getNext: () => undefined }),
      getArgs: () => [],
      getArgByIndex: () => undefined,
      switchToRpc: () => {
        throw new Error('not rpc');
      },
      switchToWs: () => {
        throw new Error('not ws');
      },
    }) as unknown as ExecutionContext;

  it('AccessGuard refuses a handler with no rule with FORBIDDEN, before any authentication', async () => {
    const tables = { tableOf: jest.fn() } as unknown as TableResolver;
    const audit = { recordRefusal: jest.fn() } as unknown as AuditService;
    const throttler = { countRefusal: jest.fn() } as unknown as AppThrottlerGuard;
    const guard = new AccessGuard(new Reflector(), tables, audit, throttler, {} as BearerStrategy);
    const err = await guard.canActivate(contextFor(ThrowawayController.prototype.undeclared)).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).code).toBe(ErrorCode.FORBIDDEN);
    await expect(guard.canActivate(contextFor(ThrowawayController.prototype.declared))).resolves.toBe(true);
    expect(tables.tableOf).not.toHaveBeenCalled();
  });

  it('the real application refuses an undeclared route over HTTP with 403 FORBIDDEN', async () => {
    const ownerUrl = process.env.TEST_DATABASE_URL;
    if (!ownerUrl) throw new Error('TEST_DATABASE_URL is not set: run the suite through jest (global setup)');
    const dataDir = mkdtempSync(join(tmpdir(), 'st-deny-'));
    const config = loadConfig({
      NODE_ENV: 'test',
      DATABASE_URL: ownerUrl,
      DATABASE_APP_URL: process.env.TEST_APP_DATABASE_URL ?? '',
      DATA_DIR: dataDir,
      JWT_SECRET: 'test-jwt-secret-0123456789abcdefghijklmnopqrstuvwxyz',
      IDENTITY_MASTER_KEY: TEST_MASTER_KEY,
      RATE_LIMIT_ENABLED: 'false',
      LOG_LEVEL: 'silent',
      DB_POOL_SIZE: '2',
    });
    const databaseUrl = await ensureAppRole(ownerUrl, config);
    const moduleRef = await Test.createTestingModule({
      imports: [AppModule.forRoot({ config, databaseUrl, schedule: false })],
      controllers: [ThrowawayController],
    }).compile();
    const app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), { logger: false });
    try {
      await app.init();
      // The enumeration behind "every route declares an access rule" names exactly the undeclared route.
      expect(
        routesOf(app)
          .filter((r) => !r.rule)
          .map((r) => `${r.method} ${r.path} (${r.handler})`),
      ).toEqual(['GET /api/v1/throwaway/undeclared (ThrowawayController.undeclared)']);
      await app.getHttpAdapter().getInstance().ready();
      const denied = await request(app.getHttpServer()).get('/throwaway/undeclared');
      expect(denied.status).toBe(403);
      expect(denied.body).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
      expect(denied.text).not.toContain('reached');
      await request(app.getHttpServer()).get('/throwaway/declared').expect(200, { reached: true });
    } finally {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
