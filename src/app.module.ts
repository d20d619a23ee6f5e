import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { ScheduleModule } from '@nestjs/schedule';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { I18nJsonLoader, I18nModule } from 'nestjs-i18n';
import { join } from 'node:path';
import { AccessGuard } from './common/authz/access.guard';
import { PgThrottlerStorage } from './common/authz/throttle.repository';
import { TableResolver } from './common/authz/table-resolver';
import { AppThrottlerGuard } from './common/authz/throttler.guard';
import { Clock } from './common/clock/clock';
import { Metrics } from './common/observability/metrics';
import { HttpErrorFilter } from './common/errors/http-error.filter';
import { APP_CONFIG, AppConfig } from './config/app-config';
import { dataSourceOptions } from './database/data-source-options';
import { DATABASE_URL } from './database/database-url';
import { AgencyModule } from './modules/agencies/agency.module';
import { AuditModule } from './modules/audit/audit.module';
import { AuthModule } from './modules/auth/auth.module';
import { HealthModule } from './modules/health/health.module';
import { TableModule } from './modules/tables/table.module';
import { UserModule } from './modules/users/user.module';
import { DeidentificationModule } from './modules/deidentification/deidentification.module';
import { IdentityVaultModule } from './modules/identity-vault/identity-vault.module';
import { DisclosureModule } from './modules/disclosures/disclosure.module';
import { NotificationModule } from './modules/notifications/notification.module';
import { SituationModule } from './modules/situations/situation.module';
import { TaxonomyModule } from './modules/taxonomy/taxonomy.module';
import { MeetingModule } from './modules/meetings/meeting.module';
import { JobsModule } from './modules/jobs/jobs.module';
import { RegionModule } from './modules/regions/region.module';
import { ReportModule } from './modules/reports/report.module';
import { OversightModule } from './modules/oversight/oversight.module';

export interface AppModuleOptions {
  config: AppConfig;
  /** Runtime connection as the application role. */
  databaseUrl: string;
  clock?: Clock;
  /** Scheduled jobs (off in tests, which call the jobs directly). */
  schedule?: boolean;
}

@Module({})
export class AppModule {
  static forRoot(options: AppModuleOptions): DynamicModule {
    const { config } = options;
    return {
      module: AppModule,
      global: true,
      imports: [
        TypeOrmModule.forRoot(dataSourceOptions(options.databaseUrl, config.dbPoolSize)),
        EventEmitterModule.forRoot({ wildcard: false, ignoreErrors: true }),
        ...(options.schedule === false ? [] : [ScheduleModule.forRoot()]),
        // Counters in PostgreSQL: every server on the database counts against the same limits.
        ThrottlerModule.forRootAsync({
          inject: [DataSource],
          useFactory: (db: DataSource) => ({ throttlers: [{ name: 'default', ttl: 60_000, limit: 1200 }], storage: new PgThrottlerStorage(db) }),
        }),
        I18nModule.forRoot({
          fallbackLanguage: 'en',
          loader: I18nJsonLoader,
          loaderOptions: { path: join(__dirname, 'i18n'), watch: false },
          logging: false,
          // Translations are looked up with an explicit language (languageOf): no per-request
          // middleware or async context, which cost about 10 % of a request's CPU.
          disableMiddleware: true,
          skipAsyncHook: true,
        }),
        AuditModule,
        AuthModule,
        AgencyModule,
        TableModule,
        UserModule,
        TaxonomyModule,
        DeidentificationModule,
        DisclosureModule,
        IdentityVaultModule,
        SituationModule,
        NotificationModule,
        MeetingModule,
        JobsModule,
        ReportModule,
        RegionModule,
        OversightModule,
        HealthModule,
      ],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: DATABASE_URL, useValue: options.databaseUrl },
        { provide: Clock, useValue: options.clock ?? new Clock() },
        TableResolver,
        Metrics,
        AppThrottlerGuard,
        { provide: APP_GUARD, useClass: AccessGuard },
        { provide: APP_GUARD, useExisting: AppThrottlerGuard },
        { provide: APP_FILTER, useClass: HttpErrorFilter },
      ],
      exports: [APP_CONFIG, DATABASE_URL, Clock, TableResolver, Metrics, AppThrottlerGuard],
    };
  }
}
