import { Module } from '@nestjs/common';
import { SituationRecordsService } from './situation-records.service';
import { SituationRepository } from './situation.repository';

/** The situations repository and the records other modules use; imports no feature module, so the identity vault can use it. */
@Module({
  providers: [SituationRepository, SituationRecordsService],
  exports: [SituationRepository, SituationRecordsService],
})
export class SituationRecordsModule {}
