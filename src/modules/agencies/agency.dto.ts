import { ApiProperty } from '@nestjs/swagger';
import { Trimmed } from '../../common/http/text';
import { IsIn, IsString, Length } from 'class-validator';
import { SECTOR_CODES } from '../taxonomy/taxonomy.constants';

export class CreateAgencyDto {
  @ApiProperty({ example: 'Regional Police Service' }) @Trimmed() @IsString() @Length(1, 200) name: string;
  @ApiProperty({ enum: SECTOR_CODES }) @IsIn(SECTOR_CODES) sector: string;
}

export class AgencyView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() sector: string;
  @ApiProperty() createdAt: string;
}
