import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { createRootLogger } from './common/logging/logger';
import { loadConfig } from './config/app-config';
import { dataSourceOptions } from './database/data-source-options';
import { prepareDatabase, PreparedDatabase } from './database/prepare-database';
import { AuditRepository } from './modules/audit/audit.repository';
import { AuditVerifier } from './modules/audit/audit-verifier';
import { AuditCheckpoints } from './modules/audit/audit-checkpoints';
import { AuditKeys } from './modules/audit/audit-keys';
import { Clock } from './common/clock/clock';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import { AppConfig } from './config/app-config';
import { RetentionService } from './modules/meetings/retention.service';
import { IdentityVaultService } from './modules/identity-vault/identity-vault.service';

/**
 * Operations commands: `npm run cli -- <command>`. Each connects like the server (DATABASE_URL, or
 * the embedded database under DATA_DIR) and prints JSON.
 */
/** Runs `fn` with the application's services (no HTTP, no scheduled jobs). */
async function withApp<T>(config: AppConfig, db: PreparedDatabase, fn: (get: <S>(type: new (...a: never[]) => S) => S) => Promise<T>): Promise<T> {
  // stdout carries one JSON document: no framework log line (nestjs-i18n logs one at start) may precede it.
  Logger.overrideLogger(['error']);
  const app = await NestFactory.createApplicationContext(AppModule.forRoot({ config, databaseUrl: db.appUrl, schedule: false }), { logger: ['error'] });
  try {
    return await fn((type) => app.get(type));
  } finally {
    await app.close();
  }
}

let CONFIG: AppConfig;

const COMMANDS: Record<string, { help: string; run: (db: PreparedDatabase, args: string[]) => Promise<number> }> = {
  'migration:run': {
    help: 'apply pending migrations (also done at every start)',
    run: async () => 0,
  },
  'audit:verify': {
    help: 'recompute every audit chain (or the one given): every invalid entry, head signature and checkpoint',
    run: async (db, args) => {
      const ds = await new DataSource(dataSourceOptions(db.appUrl, 2, 'situation-table-cli')).initialize();
      try {
        const repo = new AuditRepository(ds);
        // The public keys suffice: an auditor verifies with AUDIT_VERIFY_PUBLIC_KEY alone.
        const keys = AuditKeys.forVerification(CONFIG);
        const verifier = new AuditVerifier(repo, keys, new AuditCheckpoints(repo, keys, new Clock(), CONFIG));
        const results = args[0] ? [await verifier.verifyChain(args[0])] : await verifier.verifyAll();
        const valid = results.every((r) => r.valid);
        process.stdout.write(`${JSON.stringify({ valid, chains: results }, null, 2)}\n`);
        return valid ? 0 : 2;
      } finally {
        await ds.destroy();
      }
    },
  },
  'audit:checkpoint': {
    help: 'sign every moved chain head into AUDIT_CHECKPOINT_DIR/audit-checkpoints.jsonl (the server: every 30 s); --lines prints each checkpoint line',
    run: async (db, args) => {
      const ds = await new DataSource(dataSourceOptions(db.appUrl, 2, 'situation-table-cli')).initialize();
      try {
        const checkpoints = new AuditCheckpoints(new AuditRepository(ds), AuditKeys.forServer(CONFIG), new Clock(), CONFIG);
        // --lines: one checkpoint JSON line each on stdout, for a log shipper to carry off the host.
        const lines = args.includes('--lines');
        const written = await checkpoints.write(lines ? (line) => process.stdout.write(`${line}\n`) : undefined);
        if (!lines) process.stdout.write(`${JSON.stringify({ written })}\n`);
        return 0;
      } finally {
        await ds.destroy();
      }
    },
  },
  'identity:purge': {
    help: "crypto-shred every identity past its purge date now, then erase those situations' free texts (the server also does it every 15 minutes)",
    run: async (db) => {
      const { purged, textsErased } = await withApp(CONFIG, db, async (get) => ({
        purged: await get(IdentityVaultService).purgeDue(),
        textsErased: await get(RetentionService).eraseDue(),
      }));
      process.stdout.write(`${JSON.stringify({ purged, textsErased })}\n`);
      return 0;
    },
  },
  'identity:rotate-key': {
    help: 're-wrap every KEK and data key under IDENTITY_MASTER_KEY (old keys in IDENTITY_MASTER_KEY_PREVIOUS); --reencrypt: fresh KEKs, data keys and ciphertexts',
    run: async (db, args) => {
      const unknown = args.filter((a) => a !== '--reencrypt');
      if (unknown.length) {
        process.stderr.write(`identity:rotate-key: unknown argument ${unknown[0]} (only --reencrypt)\n`);
        return 64;
      }
      const reencrypt = args.includes('--reencrypt');
      let lastShown = 0;
      const report = await withApp(CONFIG, db, (get) =>
        get(IdentityVaultService).rotateMasterKey({
          reencrypt,
          onProgress: ({ done, total, failed }) => {
            // Progress on stderr (stdout stays one JSON document): every batch, at most twice a second.
            const now = Date.now();
            if (now - lastShown < 500 && done < total) return;
            lastShown = now;
            process.stderr.write(`identity:rotate-key ${done}/${total} rows (${total ? Math.floor((done * 100) / total) : 100} %), ${failed} failed\n`);
          },
        }),
      );
      process.stdout.write(`${JSON.stringify({ reencrypt, ...report }, null, 2)}\n`);
      // Rows that did not open are reported (and audited) and the run went on; exit 3 says so.
      return report.failed.length ? 3 : 0;
    },
  },
  'identity:reindex': {
    help: "rebuild the access requests' blind index from the vault (backfill); --new-key: under a new blind index key, the others destroyed",
    run: async (db, args) => {
      const unknown = args.filter((a) => a !== '--new-key');
      if (unknown.length) {
        process.stderr.write(`identity:reindex: unknown argument ${unknown[0]} (only --new-key)\n`);
        return 64;
      }
      const report = await withApp(CONFIG, db, (get) =>
        get(IdentityVaultService).reindex({
          newKey: args.includes('--new-key'),
          onProgress: ({ done, total, failed }) => process.stderr.write(`identity:reindex ${done}/${total} rows, ${failed} failed\n`),
        }),
      );
      process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      // Rows that did not open keep their former tokens (and every key is kept); exit 3 says so.
      return report.failed.length ? 3 : 0;
    },
  },
};

async function main(): Promise<number> {
  const [command, ...args] = process.argv.slice(2);
  const entry = command ? COMMANDS[command] : undefined;
  if (!entry) {
    process.stderr.write(
      `usage: npm run cli -- <command>\n${Object.entries(COMMANDS)
        .map(([n, c]) => `  ${n.padEnd(22)} ${c.help}`)
        .join('\n')}\n`,
    );
    return 64;
  }
  // stdout carries the command's JSON only: Nest's default logger (services used outside an app) says errors only, on stderr.
  Logger.overrideLogger(['error']);
  const logger = createRootLogger(process.env.LOG_LEVEL ?? 'warn');
  const config = loadConfig(process.env, (m) => logger.warn(m));
  CONFIG = config;
  const db = await prepareDatabase(config, (m) => logger.debug(m), 'cli');
  try {
    return await entry.run(db, args);
  } finally {
    await db.embedded?.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}\n`);
    process.exit(1);
  },
);
