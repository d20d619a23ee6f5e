import { AnomalyThresholdsVersionGuard } from './anomaly-thresholds.guard';
import { Global, Module } from '@nestjs/common';
import { RefusalRecorder } from '../../common/authz/refusal-recorder';
import { AuditController } from './audit.controller';
import { AuditCheckpoints } from './audit-checkpoints';
import { AuditGroupCommit } from './audit-group-commit';
import { AnomalyThresholdsRepository } from './anomaly-thresholds.repository';
import { AuditQueryRepository } from './audit-query.repository';
import { AuditRepository } from './audit.repository';
import { AuditReviewService } from './audit-review.service';
import { AuditService } from './audit.service';
import { AuditVerifier } from './audit-verifier';
import { AUDIT_KEYS_PROVIDER, AuditKeys } from './audit-keys';
import { AuditHeadAuthority } from './audit-head-authority';

/** The audit trail: written by every module (AuditService), reviewed by privacy officers. */
@Global()
@Module({
  controllers: [AuditController],
  providers: [
    AnomalyThresholdsVersionGuard,
    AUDIT_KEYS_PROVIDER,
    AuditHeadAuthority,
    AuditRepository,
    AuditGroupCommit,
    AuditCheckpoints,
    AuditService,
    AuditVerifier,
    AuditQueryRepository,
    AuditReviewService,
    AnomalyThresholdsRepository,
    { provide: RefusalRecorder, useExisting: AuditService },
  ],
  exports: [AuditReviewService, AuditService, RefusalRecorder, AuditVerifier, AuditRepository, AuditCheckpoints, AuditKeys],
})
export class AuditModule {}
