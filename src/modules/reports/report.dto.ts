import { ApiHideProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

export class ReportPeriodQuery {
  @ApiPropertyOptional({ description: 'a year `2026`, a quarter `2026-Q3` or a month `2026-07`, in the table\'s time zone; default: the current year', example: '2026-Q3' })
  @IsOptional() @IsString() @MaxLength(16) period?: string;
  /** Refused (400): reports cover fixed periods only. Declared so the answer can say so. */
  @ApiHideProperty() @IsOptional() from?: unknown;
  /** Refused (400), as `from`. */
  @ApiHideProperty() @IsOptional() to?: unknown;
}
