import { Foundation1763770000000 } from './1763770000000-Foundation';
import { Situations1763780000000 } from './1763780000000-Situations';
import { SubmitTransition1763790000000 } from './1763790000000-SubmitTransition';
import { RiskCategories1763800000000 } from './1763800000000-RiskCategories';
import { ReportScan1763810000000 } from './1763810000000-ReportScan';
import { AuditSignedHeads1764100000000 } from './1764100000000-AuditSignedHeads';

/** Every migration, in order. A new migration is added here too. */
export const MIGRATIONS = [Foundation1763770000000, Situations1763780000000, SubmitTransition1763790000000, RiskCategories1763800000000, ReportScan1763810000000, AuditSignedHeads1764100000000];
