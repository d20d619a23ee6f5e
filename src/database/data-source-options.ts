import { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../migrations';
import { ENTITIES } from './entities';

/** One definition of the data source for the app, the CLI and the tests. Never `synchronize`. */
export function dataSourceOptions(url: string, poolSize = 10, applicationName = 'situation-table'): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsRun: false,
    synchronize: false,
    logging: false,
    applicationName,
    poolSize,
    extra: { ...POOL_TIMEOUTS },
  };
}

/** Every pool's limits (TypeORM's and the audit appender's): fail fast when the database is gone instead of hanging requests. */
export const POOL_TIMEOUTS = {
  connectionTimeoutMillis: 2000,
  idleTimeoutMillis: 30000,
  statement_timeout: 15000,
  query_timeout: 16000,
  idle_in_transaction_session_timeout: 30000,
} as const;
