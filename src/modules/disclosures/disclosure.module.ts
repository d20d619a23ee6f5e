import { Module } from '@nestjs/common';
import { NotificationModule } from '../notifications/notification.module';
import { TableModule } from '../tables/table.module';
import { DisclosingAgencyGuard } from './disclosing-agency.guard';
import { DisclosureController } from './disclosure.controller';
import { DisclosureRepository } from './disclosure.repository';
import { DisclosureService } from './disclosure.service';

/**
 * Disclosures of identity (issue 17): owns `identity_disclosures`. The identity vault records a
 * disclosure in its write through the exported service; situations ask it at closure.
 */
@Module({
  imports: [TableModule, NotificationModule],
  controllers: [DisclosureController],
  providers: [DisclosureService, DisclosureRepository, DisclosingAgencyGuard],
  exports: [DisclosureService],
})
export class DisclosureModule {}
