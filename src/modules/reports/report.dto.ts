import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional } from 'class-validator';

export class ReportRangeQuery {
  @ApiPropertyOptional({ format: 'date-time', description: 'inclusive; default: one year before `to`' }) @IsOptional() @IsISO8601({ strict: true }) from?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'exclusive; default: now' }) @IsOptional() @IsISO8601({ strict: true }) to?: string;
}
