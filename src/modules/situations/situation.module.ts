import { Module } from '@nestjs/common';
import { IdentityVaultModule } from '../identity-vault/identity-vault.module';
import { TableModule } from '../tables/table.module';
import { SituationRecordsModule } from './situation-records.module';
import { SituationController } from './situation.controller';
import { SituationService } from './situation.service';
import { TablePolicyCache } from './table-policy.cache';

@Module({
  imports: [IdentityVaultModule, TableModule, SituationRecordsModule],
  controllers: [SituationController],
  providers: [SituationService, TablePolicyCache],
  exports: [SituationRecordsModule, TablePolicyCache],
})
export class SituationModule {}
