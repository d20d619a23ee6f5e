import { Global, Module } from '@nestjs/common';
import { AuditRepository } from './audit.repository';
import { AuditService } from './audit.service';
import { AuditVerifier } from './audit-verifier';

/** The audit trail, used by every module that reads or changes data. */
@Global()
@Module({
  providers: [AuditRepository, AuditService, AuditVerifier],
  exports: [AuditService, AuditVerifier, AuditRepository],
})
export class AuditModule {}
