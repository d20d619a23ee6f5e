import { Module } from '@nestjs/common';
import { DisclosureModule } from '../disclosures/disclosure.module';
import { IdentityVaultModule } from '../identity-vault/identity-vault.module';
import { TableModule } from '../tables/table.module';
import { SituationRecordsModule } from './situation-records.module';
import { SituationActionsController } from './situation-actions.controller';
import { SituationActionsService } from './situation-actions.service';
import { SituationController } from './situation.controller';
import { SituationService } from './situation.service';
import { TablePolicyCache } from './table-policy.cache';

@Module({
  imports: [IdentityVaultModule, TableModule, SituationRecordsModule, DisclosureModule],
  controllers: [SituationController, SituationActionsController],
  providers: [SituationService, SituationActionsService, TablePolicyCache],
  exports: [SituationRecordsModule, TablePolicyCache],
})
export class SituationModule {}
