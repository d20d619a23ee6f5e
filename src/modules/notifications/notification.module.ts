import { Module } from '@nestjs/common';
import { EmailRepository } from './email.repository';
import { EmailSender } from './email-sender';
import { NotificationController } from './notification.controller';
import { NotificationRepository } from './notification.repository';
import { NotificationService } from './notification.service';

@Module({
  controllers: [NotificationController],
  providers: [NotificationService, NotificationRepository, EmailRepository, EmailSender],
  exports: [NotificationService, EmailSender],
})
export class NotificationModule {}
