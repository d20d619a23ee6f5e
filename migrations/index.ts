import { Foundation1763770000000 } from './1763770000000-Foundation';
import { Situations1763780000000 } from './1763780000000-Situations';
import { SubmitTransition1763790000000 } from './1763790000000-SubmitTransition';
import { RiskCategories1763800000000 } from './1763800000000-RiskCategories';
import { ReportScan1763810000000 } from './1763810000000-ReportScan';
import { AuthHardening1764000000000 } from './1764000000000-AuthHardening';
import { AuditSignedHeads1764100000000 } from './1764100000000-AuditSignedHeads';
import { VaultKeyEpochs1764200000000 } from './1764200000000-VaultKeyEpochs';
import { TableTimeZone1764300000000 } from './1764300000000-TableTimeZone';
import { AccessPurposes1764400000000 } from './1764400000000-AccessPurposes';
import { ThrottleBuckets1764500000000 } from './1764500000000-ThrottleBuckets';
import { AdminRolesRevoked1764600000000 } from './1764600000000-AdminRolesRevoked';
import { TaxonomyFrench1764700000000 } from './1764700000000-TaxonomyFrench';
import { AgendaOpenIndex1764718000000 } from './1764718000000-AgendaOpenIndex';
import { OwnIdentityReadsIndex1764731000000 } from './1764731000000-OwnIdentityReadsIndex';
import { Deferral1764800000000 } from './1764800000000-Deferral';
import { LeadAnswer1764860000000 } from './1764860000000-LeadAnswer';
import { ReopenClock1764870000000 } from './1764870000000-ReopenClock';
import { SectorsNeeded1764900000000 } from './1764900000000-SectorsNeeded';
import { EmailOutbox1764950000000 } from './1764950000000-EmailOutbox';
import { DuplicateReferrals1765000000000 } from './1765000000000-DuplicateReferrals';
import { SituationActions1765010000000 } from './1765010000000-SituationActions';
import { AgencyMobilizations1765020000000 } from './1765020000000-AgencyMobilizations';
import { MeetingAgenda1765040000000 } from './1765040000000-MeetingAgenda';
import { MeetingMinutes1765050000000 } from './1765050000000-MeetingMinutes';
import { IdentityDisclosures1765060000000 } from './1765060000000-IdentityDisclosures';
import { RetentionErasure1765070000000 } from './1765070000000-RetentionErasure';
import { AccessGovernance1765080000000 } from './1765080000000-AccessGovernance';
import { SignInHistory1765090000000 } from './1765090000000-SignInHistory';
import { AnomalyCasesBreachLog1765100000000 } from './1765100000000-AnomalyCasesBreachLog';
import { IdentityBlindIndex1765110000000 } from './1765110000000-IdentityBlindIndex';
import { AgendaLateIndex1765120000000 } from './1765120000000-AgendaLateIndex';
import { SystemBarriers1765130000000 } from './1765130000000-SystemBarriers';
import { EvaluationTimes1765140000000 } from './1765140000000-EvaluationTimes';
import { RepeatReferrals1765150000000 } from './1765150000000-RepeatReferrals';
import { AnnualReports1765160000000 } from './1765160000000-AnnualReports';
import { Regions1765165000000 } from './1765165000000-Regions';
import { RegionAnnualReports1765168000000 } from './1765168000000-RegionAnnualReports';
import { EquityData1765170000000 } from './1765170000000-EquityData';
import { IndicatorScan1765180000000 } from './1765180000000-IndicatorScan';
import { EquityFrench1765190000000 } from './1765190000000-EquityFrench';
import { EquityFigures1765200000000 } from './1765200000000-EquityFigures';
import { RegionAuditChains1765210000000 } from './1765210000000-RegionAuditChains';
import { ReportTimes1765220000000 } from './1765220000000-ReportTimes';
import { ReportChanges1765230000000 } from './1765230000000-ReportChanges';

/** Every migration, in order (one a line). A new migration is added here too. */
export const MIGRATIONS = [
  Foundation1763770000000,
  Situations1763780000000,
  SubmitTransition1763790000000,
  RiskCategories1763800000000,
  ReportScan1763810000000,
  AuthHardening1764000000000,
  AuditSignedHeads1764100000000,
  VaultKeyEpochs1764200000000,
  TableTimeZone1764300000000,
  AccessPurposes1764400000000,
  ThrottleBuckets1764500000000,
  AdminRolesRevoked1764600000000,
  TaxonomyFrench1764700000000,
  AgendaOpenIndex1764718000000,
  OwnIdentityReadsIndex1764731000000,
  Deferral1764800000000,
  LeadAnswer1764860000000,
  ReopenClock1764870000000,
  SectorsNeeded1764900000000,
  EmailOutbox1764950000000,
  DuplicateReferrals1765000000000,
  SituationActions1765010000000,
  AgencyMobilizations1765020000000,
  MeetingAgenda1765040000000,
  MeetingMinutes1765050000000,
  IdentityDisclosures1765060000000,
  RetentionErasure1765070000000,
  AccessGovernance1765080000000,
  SignInHistory1765090000000,
  AnomalyCasesBreachLog1765100000000,
  IdentityBlindIndex1765110000000,
  AgendaLateIndex1765120000000,
  SystemBarriers1765130000000,
  EvaluationTimes1765140000000,
  RepeatReferrals1765150000000,
  AnnualReports1765160000000,
  Regions1765165000000,
  RegionAnnualReports1765168000000,
  EquityData1765170000000,
  IndicatorScan1765180000000,
  EquityFrench1765190000000,
  EquityFigures1765200000000,
  RegionAuditChains1765210000000,
  ReportTimes1765220000000,
  ReportChanges1765230000000,
];
