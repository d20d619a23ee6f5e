import { Module } from '@nestjs/common';
import { AgencyMobilizationRepository } from './agency-mobilization.repository';
import { SituationRecordsService } from './situation-records.service';
import { SituationActionsRepository } from './situation-actions.repository';
import { SituationRepository } from './situation.repository';
import { SystemBarrierRepository } from './system-barrier.repository';

/** The situations repository and the records other modules use; imports no feature module, so the identity vault can use it. */
@Module({
  providers: [SituationRepository, SituationActionsRepository, SituationRecordsService, AgencyMobilizationRepository, SystemBarrierRepository],
  exports: [SituationRepository, SituationActionsRepository, SituationRecordsService, AgencyMobilizationRepository, SystemBarrierRepository],
})
export class SituationRecordsModule {}
