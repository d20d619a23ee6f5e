import { Module } from '@nestjs/common';
import { IdentityController } from './identity.controller';
import { IdentityVaultRepository } from './identity-vault.repository';
import { IdentityVaultService } from './identity-vault.service';

/**
 * The privacy boundary. Exports one service; nothing else in the code base may import this
 * module's repository or crypto (test/architecture.spec.ts enforces it).
 */
@Module({
  controllers: [IdentityController],
  providers: [IdentityVaultService, IdentityVaultRepository],
  exports: [IdentityVaultService],
})
export class IdentityVaultModule {}
