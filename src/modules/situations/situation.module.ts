import { Module } from '@nestjs/common';
import { IdentityVaultModule } from '../identity-vault/identity-vault.module';
import { SituationController } from './situation.controller';
import { SituationRepository } from './situation.repository';
import { SituationService } from './situation.service';
import { TablePolicyCache } from './table-policy.cache';

@Module({
  imports: [IdentityVaultModule],
  controllers: [SituationController],
  providers: [SituationService, SituationRepository, TablePolicyCache],
  exports: [SituationRepository, TablePolicyCache],
})
export class SituationModule {}
