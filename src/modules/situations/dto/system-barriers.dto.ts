import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsObject, IsOptional, IsString, Length, ValidateNested } from 'class-validator';
import { Trimmed } from '../../../common/http/text';
import { SERVICE_CODES } from '../../taxonomy/taxonomy.constants';
import { MAX_BARRIER_NOTE, MAX_SYSTEM_BARRIERS, SYSTEM_BARRIER_CODES, SYSTEM_BARRIER_CONTEXTS } from '../domain/system-barriers';

/** One system barrier in a body (docs/evaluation.md, section 5). */
export class SystemBarrierDto {
  @ApiProperty({ enum: SYSTEM_BARRIER_CODES, description: 'GET /taxonomy systemBarriers' }) @IsIn(SYSTEM_BARRIER_CODES) code: string;
  @ApiPropertyOptional({ enum: SERVICE_CODES, description: 'the type of service concerned, when one is (GET /taxonomy services)' })
  @IsOptional()
  @IsIn(SERVICE_CODES)
  service?: string;
  @ApiPropertyOptional({ maxLength: MAX_BARRIER_NOTE, description: 'required with OTHER, refused otherwise; de-identified, checked against the known identity' })
  @IsOptional()
  @Trimmed()
  @IsString()
  @Length(0, MAX_BARRIER_NOTE)
  note?: string;
}

/** The optional `systemBarriers` of a closure, a lead's decline, an action marked NOT_DONE. */
export const SystemBarriersField = (description: string) =>
  applyDecorators(
    ApiPropertyOptional({ type: [SystemBarrierDto], maxItems: MAX_SYSTEM_BARRIERS, description }),
    IsOptional(),
    IsArray(),
    ArrayMaxSize(MAX_SYSTEM_BARRIERS),
    // an item that is itself an array passes ValidateNested (it validates the inner items): objects only
    IsObject({ each: true }),
    ValidateNested({ each: true }),
    Type(() => SystemBarrierDto),
  );

/** PUT /situations/:id/system-barriers: the closure's barriers, all of them (an empty list removes them). */
export class ClosureBarriersDto {
  @ApiProperty({ type: [SystemBarrierDto], maxItems: MAX_SYSTEM_BARRIERS, description: "the closure's system barriers, replacing those recorded" })
  @IsArray()
  @ArrayMaxSize(MAX_SYSTEM_BARRIERS)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => SystemBarrierDto)
  systemBarriers: SystemBarrierDto[];
}

export class SystemBarrierView {
  @ApiProperty({ enum: SYSTEM_BARRIER_CONTEXTS }) context: string;
  @ApiProperty({ enum: SYSTEM_BARRIER_CODES }) code: string;
  @ApiProperty({ nullable: true, type: String, description: 'a services code' }) service: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'OTHER only: de-identified; null once erased with the texts' }) note: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'LEAD_DECLINE: the assignment declined' }) assignmentId: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'ACTION_NOT_DONE: the action' }) actionId: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'the agency it was recorded for' }) agencyId: string | null;
  @ApiProperty({ format: 'date-time' }) recordedAt: string;
}
