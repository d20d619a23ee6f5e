import { Module } from '@nestjs/common';
import { NotificationModule } from '../notifications/notification.module';
import { SituationModule } from '../situations/situation.module';
import { MeetingController } from './meeting.controller';
import { MeetingRepository } from './meeting.repository';
import { MeetingService } from './meeting.service';

@Module({
  imports: [SituationModule, NotificationModule],
  controllers: [MeetingController],
  providers: [MeetingService, MeetingRepository],
  exports: [MeetingService],
})
export class MeetingModule {}
