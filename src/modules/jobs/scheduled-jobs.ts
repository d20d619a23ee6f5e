import { Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { Clock } from '../../common/clock/clock';
import { AuditCheckpoints } from '../audit/audit-checkpoints';
import { AuthRepository } from '../auth/auth.repository';
import { IdentityVaultService } from '../identity-vault/identity-vault.service';
import { MeetingService } from '../meetings/meeting.service';

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
    private readonly auth: AuthRepository,
    private readonly checkpoints: AuditCheckpoints,
    private readonly clock: Clock,
  ) {}

  @Interval('identity-purge', 15 * MINUTE)
  async purgeIdentities(): Promise<void> {
    await this.run('identity-purge', () => this.vault.purgeDue());
  }

  @Interval('mobilization-clock', 5 * MINUTE)
  async mobilizationClock(): Promise<void> {
    await this.run('mobilization-clock', () => this.meetings.notifyOverdue());
  }

  @Interval('audit-checkpoints', CHECKPOINT_INTERVAL_MS)
  async auditCheckpoints(): Promise<void> {
    await this.run('audit-checkpoints', () => this.checkpoints.write());
  }

  @Interval('revocation-cleanup', 60 * MINUTE)
  async forgetExpiredRevocations(): Promise<void> {
    await this.run('revocation-cleanup', () => this.auth.forgetExpiredRevocations(this.clock.now()));
  }

  private async run(name: string, job: () => Promise<number>): Promise<void> {
    try {
      const n = await job();
      if (n > 0) this.logger.log({ job: name, count: n }, 'job done');
    } catch (err) {
      this.logger.error({ job: name, err: (err as Error)?.name }, 'job failed');
    }
  }
}
