import 'reflect-metadata';
import { INestApplication, Logger, RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppModule } from './app.module';
import { addErrorResponses, declarePathParameters } from './common/http/openapi';
import { loadConfig } from './config/app-config';

export const API_PREFIX = 'api/v1';

/** The one routing prefix, shared by the server and the document built without it. */
export function setApiPrefix(app: INestApplication): void {
  app.setGlobalPrefix(API_PREFIX, {
    exclude: [
      { path: 'health/{*path}', method: RequestMethod.ALL },
      { path: 'metrics', method: RequestMethod.GET },
    ],
  });
}

/**
 * The OpenAPI document (3.1) of an application whose routes are registered. Metadata comes only
 * from the decorators in the source (no compiler plugin), so the server under Jest (swc), the
 * built server (tsc) and `buildDocumentWithoutServer` describe the same API.
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  return declarePathParameters(
    addErrorResponses(
      SwaggerModule.createDocument(
        app,
        new DocumentBuilder()
          .setOpenAPIVersion('3.1.0')
          .setTitle('Situation Table API')
          .setDescription('Case coordination for community risk intervention tables. See docs/api.md for the contract.')
          .setVersion('1')
          .addBearerAuth()
          .build(),
      ),
    ),
  );
}

/**
 * The same document without a database or a listening server: the application in Nest's preview
 * mode (modules and routes are scanned, no provider is instantiated, nothing connects).
 */
export async function buildDocumentWithoutServer(): Promise<OpenAPIObject> {
  const dataDir = mkdtempSync(join(tmpdir(), 'st-openapi-'));
  try {
    const config = loadConfig({
      NODE_ENV: 'test',
      DATABASE_URL: 'postgres://openapi@127.0.0.1:1/none',
      DATA_DIR: dataDir,
      JWT_SECRET: 'openapi-document-only-0123456789abcdefghijklmnop',
      IDENTITY_MASTER_KEY: randomBytes(32).toString('base64'), // never used: nothing is encrypted
      RATE_LIMIT_ENABLED: 'false',
      LOG_LEVEL: 'error',
    });
    const app = await NestFactory.create(AppModule.forRoot({ config, databaseUrl: config.databaseUrl ?? '', schedule: false }), new FastifyAdapter(), {
      preview: true,
      logger: false,
      abortOnError: false,
    });
    try {
      setApiPrefix(app);
      return buildOpenApiDocument(app);
    } finally {
      await app.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** `node dist/src/openapi-document.js` prints the document (npm run api:client). */
if (require.main === module) {
  Logger.overrideLogger(false);
  buildDocumentWithoutServer().then(
    (doc) => process.stdout.write(`${JSON.stringify(doc, null, 2)}\n`),
    (err: unknown) => {
      process.stderr.write(`${(err as Error)?.stack ?? String(err)}\n`);
      process.exit(1);
    },
  );
}
