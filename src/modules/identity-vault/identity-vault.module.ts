import { Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { DisclosureModule } from '../disclosures/disclosure.module';
import { SituationRecordsModule } from '../situations/situation-records.module';
import { TableModule } from '../tables/table.module';
import { EquityController } from './equity.controller';
import { EquityRepository } from './equity.repository';
import { EquityService } from './equity.service';
import { EquitySnapshotService } from './equity-snapshots';
import { IdentityController } from './identity.controller';
import { IdentitySealer, masterKeysOf } from './identity-sealer';
import { IdentityVaultMaintenance } from './identity-vault-maintenance';
import { IdentityVaultRepository } from './identity-vault.repository';
import { IdentityVaultService } from './identity-vault.service';
import { OwnIdentityReadsController, OwnIdentityReadsService } from './own-identity-reads';
import { SubjectController } from './subject.controller';
import { FileKeyEncryptionKeyStore, KEK_STORE, KeyEncryptionKeyStore } from './kek-store';
import { AccessRequestController } from './access-request.controller';
import { AccessRequestService } from './access-request.service';
import { BlindIndexKeyStore } from './blind-index-keys';
import { BlindIndexRepository } from './blind-index.repository';
import { BLIND_INDEX_KEYS, BlindIndexer } from './blind-indexer';

/**
 * The privacy boundary. Exports one service; nothing else in the code base may import this
 * module's repository or crypto (test/architecture.spec.ts enforces it).
 */
@Module({
  imports: [SituationRecordsModule, DisclosureModule, TableModule],
  controllers: [IdentityController, SubjectController, OwnIdentityReadsController, AccessRequestController, EquityController],
  providers: [
    IdentityVaultService,
    EquityService,
    EquitySnapshotService,
    EquityRepository,
    AccessRequestService,
    BlindIndexer,
    BlindIndexRepository,
    {
      // the blind index keys live beside the KEKs, wrapped by the same master key (blind-index-keys.ts)
      provide: BLIND_INDEX_KEYS,
      inject: [APP_CONFIG],
      useFactory: (c: AppConfig): BlindIndexKeyStore => {
        const keys = masterKeysOf(c.secrets.identityMasterKey, c.previousMasterKeys);
        return new BlindIndexKeyStore(c.identityKekDir, keys.current, keys.all);
      },
    },
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
