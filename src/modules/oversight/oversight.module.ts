import { Module } from '@nestjs/common';
import { IdentityVaultModule } from '../identity-vault/identity-vault.module';
import { SituationRecordsModule } from '../situations/situation-records.module';
import { UserModule } from '../users/user.module';
import { OversightController } from './oversight.controller';
import { OversightRepository } from './oversight.repository';
import { OversightService } from './oversight.service';
import { OversightRecordGuard } from './oversight-record.guard';

/** The privacy officer's governance records (issue 17): anomaly cases and the privacy breach log. */
@Module({
  imports: [IdentityVaultModule, SituationRecordsModule, UserModule],
  controllers: [OversightController],
  providers: [OversightRepository, OversightService, OversightRecordGuard],
})
export class OversightModule {}
