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
  @ApiProperty({ type: [DescribedLabel], description: 'reasons a lead agency declines its lead' }) leadDeclineReasons: DescribedLabel[];
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
  @ApiProperty({ type: [CodedLabel] }) legalAuthorities: CodedLabel[];
  @ApiProperty({ type: [CodedLabel] }) studyFlags: CodedLabel[];
  @ApiProperty({ type: [CodedLabel] }) services: CodedLabel[];
  @ApiProperty({ type: [CodedLabel] }) accessPurposes: CodedLabel[];
  @ApiProperty({ type: CodeLabels, description: 'labels of the codes that are not reference data: statuses, roles, certainty, threshold criteria, kinds' }) labels: CodeLabels;
}
