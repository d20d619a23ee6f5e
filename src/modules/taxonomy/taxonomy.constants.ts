import { DORMANT_CONCLUSION } from './data/taxonomy.v4';
import { TAXONOMY_V5 } from './data/taxonomy.v5';

/** The reference data in force, and code lists for DTO validation. */
export const TAXONOMY = TAXONOMY_V5;
export const SECTOR_CODES = TAXONOMY.sectors.map((s) => s.code);
export const AGE_BAND_CODES = TAXONOMY.ageBands.map((s) => s.code);
export const SITUATION_TYPE_CODES = TAXONOMY.situationTypes.map((s) => s.code);
export const GENDER_CODES = TAXONOMY.genders.map((s) => s.code);
export const RISK_FACTOR_CODES = TAXONOMY.riskFactors.map((s) => s.code);
export const PROTECTIVE_FACTOR_CODES = TAXONOMY.protectiveFactors.map((s) => s.code);
/** The conclusions a coordinator closes with: every one but DORMANT, which only the system records (dormancy). */
export const CONCLUSION_CODES = TAXONOMY.conclusions.map((s) => s.code).filter((c) => c !== DORMANT_CONCLUSION);
export { DORMANT_CONCLUSION };
export const CONSENT_CODES = TAXONOMY.consentStatuses.map((s) => s.code);
export const LEGAL_AUTHORITY_CODES = TAXONOMY.legalAuthorities.map((s) => s.code);
export const STUDY_FLAG_CODES = TAXONOMY.studyFlags.map((s) => s.code);
export const SERVICE_CODES = TAXONOMY.services.map((s) => s.code);
export const ACCESS_PURPOSE_CODES = TAXONOMY.accessPurposes.map((s) => s.code);
export const SYSTEM_BARRIER_CODES = TAXONOMY.systemBarriers.map((s) => s.code);
