import { Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { AppThrottlerGuard } from '../../common/authz/throttler.guard';
import { Clock } from '../../common/clock/clock';
import { Metrics } from '../../common/observability/metrics';
import { AuditCheckpoints } from '../audit/audit-checkpoints';
import { AuthService } from '../auth/auth.service';
import { DisclosureService } from '../disclosures/disclosure.service';
import { IdentityVaultService } from '../identity-vault/identity-vault.service';
import { MeetingService } from '../meetings/meeting.service';
import { RetentionService } from '../meetings/retention.service';
import { IndicatorService } from '../reports/indicator.service';
import { EmailSender } from '../notifications/email-sender';

const MINUTE = 60_000;
/** Checkpoints of the chains that moved: short, so a cut tail has little to hide in (also after bursts and at shutdown). */
export const CHECKPOINT_INTERVAL_MS = 30_000;

/**
 * Time-driven work. Each job is also a plain method the CLI and the tests call; every job is
 * safe to run on several servers at once (rows are claimed with SKIP LOCKED or marked atomically).
 */
@Injectable()
export class ScheduledJobs {
  private readonly logger = new Logger('Jobs');

  constructor(
    private readonly vault: IdentityVaultService,
    private readonly meetings: MeetingService,
    private readonly auth: AuthService,
    private readonly checkpoints: AuditCheckpoints,
    private readonly clock: Clock,
    private readonly metrics: Metrics,
    private readonly throttler: AppThrottlerGuard,
    private readonly email: EmailSender,
    private readonly disclosures: DisclosureService,
    private readonly retention: RetentionService,
    private readonly indicators: IndicatorService,
  ) {}

  /** The identity purge, then the erasure of the purged situations' free texts (issue 17: no person-level history). */
  @Interval('identity-purge', 15 * MINUTE)
  async purgeIdentities(): Promise<void> {
    await this.run('identity-purge', () => this.vault.purgeDue());
    await this.run('text-erasure', () => this.retention.eraseDue());
  }

  /** The equity counts of quarters ended more than EQUITY_FREEZE_LAG_DAYS ago, frozen once (docs/evaluation.md 6.6, R9). */
  @Interval('equity-freeze', 6 * 60 * MINUTE)
  async freezeEquity(): Promise<void> {
    await this.run('equity-freeze', () => this.vault.freezeEquityDue());
  }

  /** Dormancy: flagged after the table's flag period, closed as DORMANT after its close period. */
  @Interval('dormancy', 60 * MINUTE)
  async dormancy(): Promise<void> {
    await this.run('dormancy', () => this.retention.dormancy());
  }

  @Interval('mobilization-clock', 5 * MINUTE)
  async mobilizationClock(): Promise<void> {
    await this.run('mobilization-clock', () => this.meetings.notifyOverdue());
  }

  @Interval('deferral-clock', 15 * MINUTE)
  async deferralClock(): Promise<void> {
    await this.run('deferral-clock', () => this.meetings.notifyDeferralsOverdue());
  }

  @Interval('lead-answer-clock', 15 * MINUTE)
  async leadAnswerClock(): Promise<void> {
    await this.run('lead-answer-clock', () => this.meetings.notifyLeadAnswersOverdue());
  }

  /** Notice of a disclosure not recorded by its due date: the table's privacy officers, once per disclosure (claimed atomically). */
  @Interval('disclosure-notice-clock', 15 * MINUTE)
  async disclosureNoticeClock(): Promise<void> {
    await this.run('disclosure-notice-clock', () => this.disclosures.notifyNoticesOverdue());
  }

  /** The e-mail outbox: due rows claimed with SKIP LOCKED, so several servers send each mail once. */
  @Interval('email-outbox', 30_000)
  async sendEmails(): Promise<void> {
    await this.run('email-outbox', () => this.email.sendDue());
  }

  @Interval('audit-checkpoints', CHECKPOINT_INTERVAL_MS)
  async auditCheckpoints(): Promise<void> {
    await this.run('audit-checkpoints', () => this.checkpoints.write());
  }

  /** The changes the indicators' kept months are checked against, compacted after some minutes into one row a table and day. */
  @Interval('report-changes-compaction', 5 * MINUTE)
  async compactReportChanges(): Promise<void> {
    await this.run('report-changes-compaction', () => this.indicators.compactChanges());
  }

  @Interval('rate-limit-cleanup', 10 * MINUTE)
  async forgetRateLimitWindows(): Promise<void> {
    await this.run('rate-limit-cleanup', () => this.throttler.forgetExpiredWindows());
  }

  @Interval('revocation-cleanup', 60 * MINUTE)
  async forgetExpiredRevocations(): Promise<void> {
    await this.run('revocation-cleanup', () => this.auth.forgetExpiredRevocations(this.clock.now()));
  }

  @Interval('login-attempt-cleanup', 15 * MINUTE)
  async forgetStaleLoginAttempts(): Promise<void> {
    await this.run('login-attempt-cleanup', () => this.auth.forgetStaleLoginAttempts(this.clock.now()));
  }

  private async run(name: string, job: () => Promise<number>): Promise<void> {
    try {
      const n = await job();
      this.metrics.jobRuns.inc({ job: name, outcome: 'done' });
      this.metrics.jobItems.inc({ job: name }, n);
      if (n > 0) this.logger.log({ job: name, count: n }, 'job done');
    } catch (err) {
      this.metrics.jobRuns.inc({ job: name, outcome: 'failed' });
      this.logger.error({ job: name, err: (err as Error)?.name }, 'job failed');
    }
  }
}
