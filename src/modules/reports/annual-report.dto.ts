import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

export class AnnualReportCsvQuery {
  @ApiPropertyOptional({ enum: ['en', 'fr'], default: 'en', description: "the CSV's language: its header, labels and number format" })
  @IsOptional()
  @IsIn(['en', 'fr'])
  lang?: 'en' | 'fr';
}

/** A stored version of a year's annual report. */
export class AnnualReportVersionView {
  @ApiProperty({ example: 2025 }) year: number;
  @ApiProperty({ description: 'the version stored, from 1; the downloads serve the latest' }) version: number;
  @ApiProperty({ description: 'when its figures were taken (the report\'s "data as of")' }) generatedAt: string;
}
