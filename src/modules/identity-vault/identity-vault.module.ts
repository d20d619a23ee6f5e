import { Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { SituationRecordsModule } from '../situations/situation-records.module';
import { IdentityController } from './identity.controller';
import { IdentitySealer, masterKeysOf } from './identity-sealer';
import { IdentityVaultMaintenance } from './identity-vault-maintenance';
import { IdentityVaultRepository } from './identity-vault.repository';
import { IdentityVaultService } from './identity-vault.service';
import { OwnIdentityReadsController, OwnIdentityReadsService } from './own-identity-reads';
import { FileKeyEncryptionKeyStore, KEK_STORE, KeyEncryptionKeyStore } from './kek-store';

/**
 * The privacy boundary. Exports one service; nothing else in the code base may import this
 * module's repository or crypto (test/architecture.spec.ts enforces it).
 */
@Module({
  imports: [SituationRecordsModule],
  controllers: [IdentityController, OwnIdentityReadsController],
  providers: [
    IdentityVaultService,
    OwnIdentityReadsService,
    IdentityVaultRepository,
    IdentityVaultMaintenance,
    {
      provide: KEK_STORE,
      inject: [APP_CONFIG],
      useFactory: (c: AppConfig): KeyEncryptionKeyStore => {
        const keys = masterKeysOf(c.secrets.identityMasterKey, c.previousMasterKeys);
        return new FileKeyEncryptionKeyStore(c.identityKekDir, keys.current, keys.all);
      },
    },
    {
      provide: IdentitySealer,
      inject: [KEK_STORE, APP_CONFIG],
      useFactory: (store: KeyEncryptionKeyStore, c: AppConfig) => new IdentitySealer(store, masterKeysOf(c.secrets.identityMasterKey, c.previousMasterKeys).all),
    },
  ],
  exports: [IdentityVaultService],
})
export class IdentityVaultModule {}
