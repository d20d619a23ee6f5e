/**
 * Types of the reference data (taxonomy) used by situation tables: sectors, RTD risk factor
 * categories and factors, protective factors, age bands, conclusions, consent statuses, etc.
 *
 * Every item has a stable, upper-case `code` (what is stored and exchanged) and a bilingual
 * label (English and French). Codes must never be renamed once released: add a new taxonomy
 * version instead.
 */

/** A bilingual label (English and Canadian French). */
export interface Label {
  en: string;
  fr: string;
}

/** A risk factor category (RTD / CSWB Booklet 3 Appendix F). */
export interface RiskCategory {
  code: string;
  label: Label;
  shortLabel?: Label;
  /** Sector codes whose mandate covers this category (used by the AER threshold, criterion 4). */
  sectors: string[];
}

/** A specific risk factor, belonging to one risk category. */
export interface RiskFactor {
  code: string;
  /** Code of its risk category. */
  category: string;
  label: Label;
  shortLabel?: Label;
}

/** A plain coded item with a bilingual label. */
export interface CodedItem {
  code: string;
  label: Label;
  /**
   * From version 2026.3: the label for lists and table cells, at most LIST_LABEL_MAX characters
   * in each language; absent when the label itself is that short. `label` stays the full text
   * (for legal authorities, the full citation) shown where one item is read in detail.
   */
  shortLabel?: Label;
}

/** The longest label a list or a table cell shows (French and English), from version 2026.3. */
export const LIST_LABEL_MAX = 50;

/** A protective factor, belonging to one protective factor category. */
export interface ProtectiveFactor {
  code: string;
  /** Code of its protective factor category. */
  category: string;
  label: Label;
  shortLabel?: Label;
}

export type ConclusionGroup = 'RISK_LOWERED' | 'STILL_AER' | 'OTHER';

/** A conclusion recorded when a situation is closed. */
export interface Conclusion {
  code: string;
  group: ConclusionGroup;
  label: Label;
  shortLabel?: Label;
}

export interface TaxonomyData {
  /** Version of this reference data, e.g. '2026.1'. */
  version: string;
  sectors: CodedItem[];
  riskCategories: RiskCategory[];
  riskFactors: RiskFactor[];
  protectiveFactorCategories: CodedItem[];
  protectiveFactors: ProtectiveFactor[];
  /** Codes: '0-5','6-11','12-15','16-17','18-24','25-29','30-39','40-59','60+','UNKNOWN'. */
  ageBands: CodedItem[];
  /** PERSON, FAMILY, GROUP, LOCATION. */
  situationTypes: CodedItem[];
  genders: CodedItem[];
  conclusions: Conclusion[];
  consentStatuses: CodedItem[];
  /** Legal authority for the disclosure of identifying information at Filter 3 (conditions from version 2026.4). */
  legalAuthorities: LegalAuthorityItem[];
  /** Ministry RTD study themes (optional multi-select). */
  studyFlags: CodedItem[];
  /** Types of services mobilised at Filter 4. */
  services: CodedItem[];
  /** Why an identity is read (from version 2026.2): the code of every identity read's stated purpose. */
  accessPurposes: CodedItem[];
  /** From version 2026.5: the system barriers a table records (docs/evaluation.md, section 5), in the order of their bit in `barrier_mask`. */
  systemBarriers?: CodedItem[];
  /** From version 2026.5: where a system barrier was recorded (at closure, with a lead's decline, with an action not done). */
  systemBarrierContexts?: CodedItem[];
}

/** What an authority requires of a disclosure under it (from version 2026.4). */
export interface AuthorityRequirements {
  /** notice of the disclosure to the person, within `withinDays` of it, by `method` (a notice method code); null: none */
  notice: { withinDays: number; method: string } | null;
  /** the person's (or substitute decision-maker's) consent: who obtained it, when, its scope */
  consent: boolean;
}

/**
 * A legal authority for disclosing identifying information. Up to 2026.3 a code and a label; from
 * 2026.4 reference data with its conditions: the statute (bilingual) and section, the sectors
 * whose agencies may rely on it (empty: any), what it requires, and whether it is retired (kept
 * readable for old records, refused for new disclosures).
 */
export interface LegalAuthorityItem extends CodedItem {
  statute?: Label;
  section?: string;
  sectors?: string[];
  requires?: AuthorityRequirements;
  retired?: boolean;
  /** where the authority is published (statute or guidance page) */
  source?: string;
}

/** A legal authority of 2026.4 on: every condition present. */
export type LegalAuthority = LegalAuthorityItem & Required<Pick<LegalAuthorityItem, 'statute' | 'section' | 'sectors' | 'requires' | 'retired' | 'source'>>;

/** Version 2026.1 had no access purposes. */
export type TaxonomyDataV1 = Omit<TaxonomyData, 'accessPurposes'>;
