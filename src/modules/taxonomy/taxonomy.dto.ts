import { ApiProperty } from '@nestjs/swagger';

/** A code of the reference data with its label in the caller's language. */
export class CodedLabel {
  @ApiProperty() code: string;
  @ApiProperty() label: string;
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
}
