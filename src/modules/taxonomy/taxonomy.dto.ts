import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** A code of the reference data with its label in the caller's language. */
export class CodedLabel {
  @ApiProperty() code: string;
  @ApiProperty({ description: 'the full label (legal authorities: the full citation)' }) label: string;
  @ApiProperty({ description: 'the label for lists and table cells: at most 50 characters' }) shortLabel: string;
}

/** A code that is not reference data (a status, a role, a criterion…) with its label, and a longer description where one helps. */
export class DescribedLabel {
  @ApiProperty() code: string;
  @ApiProperty() label: string;
  @ApiPropertyOptional() description?: string;
}

/** Labels of every code a person reads that is not reference data. */
export class CodeLabels {
  @ApiProperty({ type: [DescribedLabel] }) statuses: DescribedLabel[];
  @ApiProperty({ type: [DescribedLabel] }) roles: DescribedLabel[];
  @ApiProperty({ type: [DescribedLabel] }) certainty: DescribedLabel[];
  @ApiProperty({ type: [DescribedLabel] }) thresholdCriteria: DescribedLabel[];
  @ApiProperty({ type: [DescribedLabel] }) decisionOutcomes: DescribedLabel[];
  @ApiProperty({ type: [DescribedLabel] }) meetingKinds: DescribedLabel[];
  @ApiProperty({ type: [DescribedLabel] }) notificationKinds: DescribedLabel[];
  @ApiProperty({ type: [DescribedLabel], description: 'groups of conclusions (conclusions[].group): RISK_LOWERED, STILL_AER, OTHER' }) conclusionGroups: DescribedLabel[];
  @ApiProperty({ type: [DescribedLabel], description: 'reasons a lead agency declines its lead' }) leadDeclineReasons: DescribedLabel[];
  @ApiProperty({ type: [DescribedLabel], description: "an agency's action: PLANNED, DONE, NOT_DONE" }) actionStatuses: DescribedLabel[];
  @ApiProperty({ type: [DescribedLabel], description: 'why an action could not be done' }) actionNotDoneReasons: DescribedLabel[];
  @ApiProperty({ type: [DescribedLabel], description: 'what came of an attempt to contact the person' }) contactOutcomes: DescribedLabel[];
  @ApiProperty({ type: [DescribedLabel], description: "a person's role in a situation's subject" }) subjectRoles: DescribedLabel[];
  @ApiProperty({ type: [DescribedLabel], description: 'how notice of a disclosure was given to the person' }) noticeMethods: DescribedLabel[];
  @ApiProperty({ type: [DescribedLabel], description: "what the person's consent to a disclosure covers" }) consentScopes: DescribedLabel[];
  @ApiProperty({ type: [DescribedLabel], description: 'notice of a disclosure: NOT_REQUIRED, PENDING, GIVEN, OVERDUE' }) noticeStatuses: DescribedLabel[];
  @ApiProperty({ type: [DescribedLabel] }) auditOutcomes: DescribedLabel[];
  @ApiProperty({ type: [DescribedLabel] }) anomalyKinds: DescribedLabel[];
}

export class RiskCategoryItem extends CodedLabel {
  @ApiProperty({ type: [String], description: 'sectors typically involved' }) sectors: string[];
}

export class CategorizedItem extends CodedLabel {
  @ApiProperty() category: string;
}

export class ConclusionItem extends CodedLabel {
  @ApiProperty() group: string;
}

export class AuthorityNotice {
  @ApiProperty({ description: 'notice is due this many days after the disclosure' }) withinDays: number;
  @ApiProperty({ description: 'how notice is given (labels.noticeMethods)' }) method: string;
}

export class AuthorityRequirementsView {
  @ApiProperty({ type: AuthorityNotice, nullable: true, description: 'notice of the disclosure to the person; null: none required' }) notice: AuthorityNotice | null;
  @ApiProperty({ description: "the person's consent: who obtained it, when, its scope (labels.consentScopes)" }) consent: boolean;
}

/** A legal authority with its conditions (2026.4): who may rely on it and what it requires. */
export class LegalAuthorityView extends CodedLabel {
  @ApiProperty({ description: 'the statute, in the caller language' }) statute: string;
  @ApiProperty({ description: 'the section relied on, e.g. 42(1)(h); empty when the statute is named elsewhere' }) section: string;
  @ApiProperty({ type: [String], description: 'sector codes whose agencies may rely on it; empty: any sector' }) sectors: string[];
  @ApiProperty({ type: AuthorityRequirementsView }) requires: AuthorityRequirementsView;
  @ApiProperty({ description: 'kept readable for old records, refused for new disclosures' }) retired: boolean;
  @ApiProperty({ description: 'where the authority is published (statute or guidance page); empty before 2026.4' }) source: string;
}

/** The versioned bilingual reference data (api.md, "Reference data"), in one language. */
export class TaxonomyView {
  @ApiProperty() version: string;
  @ApiProperty({ enum: ['en', 'fr'] }) language: string;
  @ApiProperty({ type: [RiskCategoryItem] }) riskCategories: RiskCategoryItem[];
  @ApiProperty({ type: [CategorizedItem] }) riskFactors: CategorizedItem[];
  @ApiProperty({ type: [CodedLabel] }) protectiveFactorCategories: CodedLabel[];
  @ApiProperty({ type: [CategorizedItem] }) protectiveFactors: CategorizedItem[];
  @ApiProperty({ type: [CodedLabel] }) sectors: CodedLabel[];
  @ApiProperty({ type: [CodedLabel] }) ageBands: CodedLabel[];
  @ApiProperty({ type: [CodedLabel] }) situationTypes: CodedLabel[];
  @ApiProperty({ type: [CodedLabel] }) genders: CodedLabel[];
  @ApiProperty({ type: [ConclusionItem] }) conclusions: ConclusionItem[];
  @ApiProperty({ type: [CodedLabel] }) consentStatuses: CodedLabel[];
  @ApiProperty({ type: [LegalAuthorityView] }) legalAuthorities: LegalAuthorityView[];
  @ApiProperty({ type: [CodedLabel] }) studyFlags: CodedLabel[];
  @ApiProperty({ type: [CodedLabel] }) services: CodedLabel[];
  @ApiProperty({ type: [CodedLabel] }) accessPurposes: CodedLabel[];
  @ApiProperty({ type: [CodedLabel], description: "the system barriers a table records (from 2026.5), in the order of their bit in the reports' barrier mask" })
  systemBarriers: CodedLabel[];
  @ApiProperty({ type: [CodedLabel], description: 'where a system barrier was recorded: CLOSURE, LEAD_DECLINE, ACTION_NOT_DONE (from 2026.5)' })
  systemBarrierContexts: CodedLabel[];
  @ApiProperty({ type: CodeLabels, description: 'labels of the codes that are not reference data: statuses, roles, certainty, threshold criteria, kinds' }) labels: CodeLabels;
}
