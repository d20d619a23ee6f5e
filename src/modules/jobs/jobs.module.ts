import { DisclosureModule } from '../disclosures/disclosure.module';
import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { IdentityVaultModule } from '../identity-vault/identity-vault.module';
import { MeetingModule } from '../meetings/meeting.module';
import { NotificationModule } from '../notifications/notification.module';
import { ReportModule } from '../reports/report.module';
import { ScheduledJobs } from './scheduled-jobs';

@Module({ imports: [IdentityVaultModule, DisclosureModule, MeetingModule, AuthModule, NotificationModule, ReportModule], providers: [ScheduledJobs], exports: [ScheduledJobs] })
export class JobsModule {}
