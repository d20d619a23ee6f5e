import { Module } from '@nestjs/common';
import { IdentityVaultModule } from '../identity-vault/identity-vault.module';
import { NotificationModule } from '../notifications/notification.module';
import { SituationModule } from '../situations/situation.module';
import { TableModule } from '../tables/table.module';
import { MeetingController } from './meeting.controller';
import { MeetingRepository } from './meeting.repository';
import { MeetingService } from './meeting.service';
import { MeetingAgendaController } from './meeting-agenda.controller';
import { MeetingAgendaService } from './meeting-agenda.service';
import { MeetingAttributionModule } from './meeting-attribution.module';
import { UserModule } from '../users/user.module';
import { MinutesController } from './minutes.controller';
import { MinutesRepository } from './minutes.repository';
import { MinutesService } from './minutes.service';
import { RetentionService } from './retention.service';

@Module({
  imports: [SituationModule, IdentityVaultModule, NotificationModule, TableModule, UserModule, MeetingAttributionModule],
  controllers: [MeetingController, MeetingAgendaController, MinutesController],
  providers: [MeetingService, MeetingRepository, MeetingAgendaService, MinutesService, MinutesRepository, RetentionService],
  exports: [MeetingService, RetentionService],
})
export class MeetingModule {}
