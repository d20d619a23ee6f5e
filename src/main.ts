import 'reflect-metadata';
import { createApp } from './app.factory';
import { loadConfig } from './config/app-config';
import { ConfigurationError } from './config/environment';
import { createRootLogger, PinoNestLogger } from './common/logging/logger';
import { prepareDatabase } from './database/prepare-database';
import { startupTasks } from './startup';

async function main(): Promise<void> {
  const started = process.hrtime.bigint();
  const logger = createRootLogger(process.env.LOG_LEVEL ?? 'info');
  let config;
  try {
    config = loadConfig(process.env, (m) => logger.warn(m));
  } catch (err) {
    if (err instanceof ConfigurationError) {
      logger.fatal(err.message);
      process.exit(78);
    }
    throw err;
  }
  logger.level = config.logLevel;
  const dbStarted = process.hrtime.bigint();
  const db = await prepareDatabase(config, (m) => logger.debug({ context: 'database' }, m));
  const dbMs = Number(process.hrtime.bigint() - dbStarted) / 1e6;
  logger.info({ embedded: !!db.embedded, ms: Math.round(dbMs) }, db.embedded ? 'embedded PostgreSQL ready' : 'database ready');

  let app;
  try {
    app = await createApp({ config, databaseUrl: db.appUrl, logger, nestLogger: new PinoNestLogger(logger) });
    await startupTasks(app, config, logger);
  } catch (err) {
    await db.embedded?.stop().catch(() => undefined);
    throw err;
  }
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 20_000);
    force.unref();
    let code = 0;
    try {
      await app.close();
    } catch (err) {
      code = 1;
      logger.error({ err: (err as Error)?.name }, 'closing the server failed');
    }
    try {
      await db.embedded?.stop();
    } catch (err) {
      code = 1;
      logger.error({ err: (err as Error)?.name }, 'stopping the embedded database failed');
    }
    process.exit(code);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
  try {
    await app.listen({ port: config.port, host: '0.0.0.0' });
  } catch (err) {
    await app.close().catch(() => undefined);
    await db.embedded?.stop().catch(() => undefined);
    throw err;
  }
  const totalMs = Number(process.hrtime.bigint() - started) / 1e6;
  logger.info({ port: config.port, startMs: Math.round(totalMs), databaseMs: Math.round(dbMs) }, 'server listening');
}

main().catch((err: unknown) => {
  // Startup failures: name and message only (no values of the environment are in them).
  process.stderr.write(`startup failed: ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}\n`);
  process.exit(1);
});
