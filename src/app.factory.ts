import { Logger as NestLogger, LoggerService, NestInterceptor, RequestMethod } from '@nestjs/common';
import { ModulesContainer, NestFactory } from '@nestjs/core';
import { INTERCEPTORS_METADATA, METHOD_METADATA } from '@nestjs/common/constants';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { FastifyReply, FastifyRequest, LogController } from 'fastify';
import { I18nLanguageInterceptor, I18nService } from 'nestjs-i18n';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { HttpErrorFilter } from './common/errors/http-error.filter';
import { StatusLabels } from './common/errors/status-labels';
import { jsonDepth, MAX_JSON_DEPTH } from './common/http/json-depth';
import { MalformedBodyInterceptor, markMalformed } from './common/http/malformed-body';
import { RequestSanityPipe } from './common/http/request-sanity';
import { securityHeaders } from './common/http/security-headers';
import { DEFAULT_WEB_ROOT, isServerPath, registerWebApp, WEB_HELMET_OPTIONS } from './common/http/web-app';
import { appValidationPipe } from './common/http/validation';
import { AppModule, AppModuleOptions } from './app.module';
import type { AppRequest } from './common/authz/request-context';
import { poolOf } from './common/database/query-result';
import { Metrics } from './common/observability/metrics';
import { requestStore } from './common/observability/request-context';
import { DataSource } from 'typeorm';
import { DomainError } from './common/errors/domain-error';
import { buildOpenApiDocument, setApiPrefix } from './openapi-document';

export { API_PREFIX } from './openapi-document';
export const BODY_LIMIT_BYTES = 100 * 1024;
const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;
const MAX_PARAM_LENGTH = 200;

/**
 * Builds the HTTP application (Fastify): body limit, JSON only, security headers, request ids,
 * validation, OpenAPI. Used by main.ts, the tests and the benchmark alike.
 */
export interface CreateAppOptions extends AppModuleOptions {
  logger: Logger;
  nestLogger: LoggerService;
  /** Swagger UI's static files load through a dynamic import that Jest cannot run: tests serve JSON only. */
  swaggerUi?: boolean;
  /** The built web app (index.html, assets/, .vite/manifest.json); absent → API only. */
  webRoot?: string;
}

/**
 * Attaches `interceptor` to every route handler that can receive a body, ahead of any other. Fastify
 * never parses a GET or HEAD body, so a malformed one can only arrive on the other methods; GET
 * routes then run with no interceptor at all, and Nest skips its per-request rxjs pipeline for them
 * (about a tenth of a no-op route's CPU). Runs before the routes are registered (app.init).
 */
function onBodyRoutes(app: NestFastifyApplication, interceptor: NestInterceptor): void {
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const proto = (wrapper.metatype as { prototype?: object } | null)?.prototype;
      if (!proto) continue;
      for (const name of Object.getOwnPropertyNames(proto)) {
        const handler = Object.getOwnPropertyDescriptor(proto, name)?.value as unknown;
        if (typeof handler !== 'function' || name === 'constructor') continue;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (method === undefined || method === RequestMethod.GET || method === RequestMethod.HEAD) continue;
        const own = (Reflect.getMetadata(INTERCEPTORS_METADATA, handler) as unknown[] | undefined) ?? [];
        if (own.some((x) => x instanceof MalformedBodyInterceptor)) continue;
        Reflect.defineMetadata(INTERCEPTORS_METADATA, [interceptor, ...own], handler);
      }
    }
  }
}

/**
 * nestjs-i18n always registers a global interceptor (I18nLanguageInterceptor) that resolves each
 * request's language into an I18nContext. This application passes the language explicitly
 * (languageOf) and never reads that context, so the interceptor only cost every request an async
 * step and Nest's rxjs pipeline: it is taken out of the global interceptors (Nest keeps them in
 * its ApplicationConfig, not in a public list). If Nest's internals change shape, nothing is removed.
 */
function dropI18nLanguageInterceptor(app: NestFastifyApplication): void {
  const config = (app as unknown as { config?: { getGlobalInterceptors?: () => NestInterceptor[] } }).config;
  const globals = config?.getGlobalInterceptors?.();
  if (!Array.isArray(globals)) return;
  for (let i = globals.length - 1; i >= 0; i--) if (globals[i] instanceof I18nLanguageInterceptor) globals.splice(i, 1);
}

export async function createApp(options: CreateAppOptions): Promise<NestFastifyApplication> {
  // Fastify answers a URL it cannot route (bad percent-encoding, a segment over maxParamLength)
  // itself, with its own code (FST_ERR_BAD_URL, 414 FST_ERR_MAX_PARAM_LENGTH): such answers go
  // through our error filter instead, as a 400 VALIDATION_FAILED naming the path (found by the
  // OpenAPI response check of the fuzz suite).
  const errors: { filter?: HttpErrorFilter } = {};
  const adapter = new FastifyAdapter({
    frameworkErrors: (error: { code?: string }, request: FastifyRequest, reply: FastifyReply) => {
      const problem = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? `has a segment longer than ${MAX_PARAM_LENGTH} characters` : 'is not a valid URL';
      errors.filter!.respond(DomainError.validation([{ field: 'path', problem }]), request, reply);
    },
    loggerInstance: options.logger,
    logController: new LogController({ disableRequestLogging: options.config.logLevel !== 'debug' && options.config.logLevel !== 'trace' }),
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: options.config.trustProxy,
    requestIdHeader: false,
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    // Slow clients: headers within 10 s, whole request within 30 s, idle keep-alive 5 s.
    requestTimeout: 30_000,
    connectionTimeout: 60_000,
    keepAliveTimeout: 5_000,
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
  });
  NestLogger.overrideLogger(options.nestLogger);
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(options), adapter, {
    logger: options.nestLogger,
    abortOnError: false,
    bodyParser: false,
  });
  errors.filter = new HttpErrorFilter(app.get(I18nService), app.get(StatusLabels));
  const fastify = app.getHttpAdapter().getInstance();
  // JSON only, prototype-poisoning-safe (Fastify's own parser), and no deeper than MAX_JSON_DEPTH.
  // A body that fails is answered (400) only after the access checks: MalformedBodyInterceptor.
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: BODY_LIMIT_BYTES }, (req, body, done) => {
    const text = body as string;
    if (jsonDepth(text, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
      markMalformed(req);
      done(null, undefined);
      return;
    }
    void parseJson(req, text, (err, parsed) => {
      if (err) markMalformed(req);
      done(null, err ? undefined : parsed);
    });
  });
  // Every log line written while serving a request names it; each request is counted, timed and
  // logged once (route pattern, status, time, actor id: never a query string, body or identity).
  const metrics = app.get(Metrics);
  metrics.watchPool('app', poolOf(app.get(DataSource)));
  fastify.addHook('onRequest', (req, _reply, done) => {
    requestStore.enterWith({ requestId: String(req.id) });
    done();
  });
  fastify.addHook('onResponse', (req, reply, done) => {
    const route = req.routeOptions?.url ?? 'unmatched';
    const labels = { method: req.method, route, status: String(reply.statusCode) };
    metrics.httpRequests.inc(labels);
    metrics.httpDuration.observe(labels, reply.elapsedTime / 1000);
    options.logger.info(
      { reqId: req.id, method: req.method, route, status: reply.statusCode, ms: Math.round(reply.elapsedTime * 10) / 10, actorId: (req as AppRequest).user?.id ?? null },
      'request',
    );
    done();
  });
  const security = securityHeaders();
  const webSecurity = securityHeaders(WEB_HELMET_OPTIONS);
  const web = await registerWebApp(fastify, options.webRoot ?? DEFAULT_WEB_ROOT);
  fastify.addHook('onSend', (req, reply, payload, done) => {
    void reply.headers(web && !isServerPath(req.url) ? webSecurity : security);
    void reply.header('x-request-id', req.id);
    if (!reply.hasHeader('cache-control')) void reply.header('cache-control', 'no-store');
    done(null, payload);
  });
  if (options.config.corsOrigins.length > 0) app.enableCors({ origin: options.config.corsOrigins, credentials: false });
  setApiPrefix(app);
  app.useGlobalPipes(new RequestSanityPipe(), appValidationPipe());
  dropI18nLanguageInterceptor(app);
  onBodyRoutes(app, new MalformedBodyInterceptor());
  const doc = buildOpenApiDocument(app);
  SwaggerModule.setup('docs', app, doc, { jsonDocumentUrl: 'docs-json', useGlobalPrefix: false, ui: options.swaggerUi ?? true, raw: ['json'] });
  return app;
}
