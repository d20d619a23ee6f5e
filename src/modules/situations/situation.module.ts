import { Module } from '@nestjs/common';
import { IdentityVaultModule } from '../identity-vault/identity-vault.module';
import { SituationController } from './situation.controller';
import { SituationRepository } from './situation.repository';
import { SituationService } from './situation.service';

@Module({
  imports: [IdentityVaultModule],
  controllers: [SituationController],
  providers: [SituationService, SituationRepository],
  exports: [SituationRepository],
})
export class SituationModule {}
