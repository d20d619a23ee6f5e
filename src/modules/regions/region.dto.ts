import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsOptional, IsString, IsUUID, Length, Matches, MaxLength } from 'class-validator';
import { Trimmed } from '../../common/http/text';

export class CreateRegionDto {
  @ApiProperty({ example: 'PEEL', description: 'upper-case letters, digits and dashes, 2-32 characters' })
  @IsString()
  @Matches(/^[A-Z0-9][A-Z0-9-]{1,31}$/)
  code: string;
  @ApiProperty({ example: 'Peel Region' }) @Trimmed() @IsString() @Length(1, 200) nameEn: string;
  @ApiProperty({ example: 'Région de Peel' }) @Trimmed() @IsString() @Length(1, 200) nameFr: string;
  @ApiPropertyOptional({ example: 'America/Toronto', description: 'IANA time zone every member table shares (default America/Toronto); set at creation only' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  timeZone?: string;
}

export class SetRegionMembersDto {
  @ApiProperty({ type: [String], format: 'uuid', description: 'the member tables of the year (none: the region has no member that year)' })
  @IsArray()
  @ArrayMaxSize(200)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  tableIds: string[];
}

export class GrantRegionRoleDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all') userId: string;
}

export class RegionTableView {
  @ApiProperty({ format: 'uuid' }) tableId: string;
  @ApiProperty() name: string;
}

export class RegionYearView {
  @ApiProperty({ example: 2027 }) year: number;
  @ApiProperty({ type: [RegionTableView] }) tables: RegionTableView[];
  @ApiProperty({ description: 'the year has at least 2 member tables, so the region publishes figures for it' }) publishes: boolean;
}

export class RegionAnalystView {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() displayName: string;
  @ApiProperty() grantedAt: string;
}

/** A region: its names, time zone and yearly members; its analysts for an administrator only. */
export class RegionView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'PEEL' }) code: string;
  @ApiProperty() nameEn: string;
  @ApiProperty() nameFr: string;
  @ApiProperty({ description: "the name in the caller's language" }) name: string;
  @ApiProperty({ example: 'America/Toronto' }) timeZone: string;
  @ApiProperty({ type: [RegionYearView], description: 'the membership of each year set, oldest first' }) years: RegionYearView[];
  @ApiPropertyOptional({ type: [RegionAnalystView], description: 'administrators only' }) analysts?: RegionAnalystView[];
}

export class RegionRoleGrantView {
  @ApiProperty({ format: 'uuid' }) regionId: string;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() grantedAt: string;
}
