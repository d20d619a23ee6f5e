import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { I18nService } from 'nestjs-i18n';
import { createTransport, Transporter } from 'nodemailer';
import { Clock } from '../../common/clock/clock';
import { APP_CONFIG, AppConfig, MailConfig } from '../../config/app-config';
import { ClaimedEmail, EmailRepository } from './email.repository';
import { classifySmtpError, EMAIL_LANGUAGES, EMAIL_LEASE_MS, EmailLanguage, retryDelayMs } from './email-rules';

/** Rows one run claims at most: a run stays well inside the lease even with slow answers. */
const BATCH = 50;

export interface EmailMessage {
  subject: string;
  text: string;
}

/**
 * Sends the e-mail outbox (a job, every 30 seconds). Each run claims the due rows no other sender
 * holds, sends each with nodemailer and marks it sent; a failure keeps the row with its attempt
 * count and the next attempt's time (one minute, doubled, at most an hour; never given up). When
 * the server cannot be reached, the rest of the run waits too. A mail holds the situation's
 * reference and a link, in the recipient's language or in English and French.
 */
@Injectable()
export class EmailSender implements OnModuleDestroy {
  private readonly logger = new Logger('Email');
  private transport: Transporter | null = null;

  constructor(
    private readonly repo: EmailRepository,
    private readonly clock: Clock,
    private readonly i18n: I18nService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Sends what is due; answers how many mails were sent. Nothing without SMTP_URL. */
  async sendDue(): Promise<number> {
    const mail = this.config.mail;
    if (!mail) return 0;
    const now = this.clock.now();
    const rows = await this.repo.claimDue(now, new Date(now.getTime() + EMAIL_LEASE_MS), BATCH);
    let sent = 0;
    let down: string | null = null;
    for (const row of rows) {
      if (!row.active) {
        await this.repo.cancel(row.notificationId, this.clock.now(), 'RECIPIENT_INACTIVE');
        continue;
      }
      if (down !== null) {
        await this.repo.markFailed(row.notificationId, this.retryAt(row), down);
        continue;
      }
      try {
        await this.transporter(mail).sendMail({ from: mail.from, to: row.email, ...this.message(row, mail), headers: { 'Auto-Submitted': 'auto-generated' } });
        await this.repo.markSent(row.notificationId, this.clock.now());
        sent++;
      } catch (err) {
        const failure = classifySmtpError(err);
        this.logger.warn({ error: failure.code, attempts: row.attempts }, 'e-mail not sent');
        if (failure.permanent) await this.repo.cancel(row.notificationId, this.clock.now(), failure.code);
        else await this.repo.markFailed(row.notificationId, this.retryAt(row), failure.code);
        if (failure.serverDown) down = failure.code;
      }
    }
    return sent;
  }

  /** Subject and text: the reference and the link only, in the recipient's language, or English then French. */
  message(row: Pick<ClaimedEmail, 'kind' | 'situationId' | 'reference' | 'language'> & Partial<Pick<ClaimedEmail, 'meetingId' | 'meetingDate'>>, mail: MailConfig): EmailMessage {
    // A meeting's mail (agenda published, minutes ready): its date and a link to it, nothing of any situation.
    // Minutes ready: their page, which every case role of the table reads; an agenda: the meeting's.
    const meetingPath = row.kind === 'MINUTES_READY' ? `/meetings/${row.meetingId}/minutes` : `/meetings/${row.meetingId}`;
    const meeting = row.meetingId ? { date: row.meetingDate ?? '', link: `${mail.publicUrl}${meetingPath}` } : null;
    const args = meeting ?? { reference: row.reference ?? '', link: row.situationId ? `${mail.publicUrl}/situations/${row.situationId}` : mail.publicUrl };
    const langs: EmailLanguage[] = EMAIL_LANGUAGES.find((l) => l === row.language) ? [row.language as EmailLanguage] : [...EMAIL_LANGUAGES];
    const t = (key: string, lang: string) => this.i18n.translate(`mail.${key}`, { lang, args }) as string;
    const [open, footer] = meeting ? ['openMeeting', 'footerMeeting'] : ['open', 'footer'];
    return {
      subject: langs.map((l) => t(`${row.kind}.subject`, l)).join(' / '),
      text: langs.map((l) => [t(`${row.kind}.body`, l), t(open, l), '', t(footer, l)].join('\n')).join('\n\n---\n\n') + '\n',
    };
  }

  onModuleDestroy(): void {
    this.transport?.close();
  }

  private retryAt(row: ClaimedEmail): Date {
    return new Date(this.clock.now().getTime() + retryDelayMs(row.attempts));
  }

  private transporter(mail: MailConfig): Transporter {
    this.transport ??= createTransport({ url: mail.smtpUrl, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 });
    return this.transport;
  }
}
