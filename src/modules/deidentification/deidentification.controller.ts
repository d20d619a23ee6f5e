import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { TableAccess } from '../../common/authz/access-rule';
import { PII_KINDS, PiiKind } from './pii-types';
import { scanFields } from './pii-detector';

export class CheckTextDto {
  @ApiProperty({ description: 'de-identified free text being written (a narrative, an update note); not stored, not logged' })
  @IsString()
  @MaxLength(4000)
  text: string;
}

export class CheckFindingView {
  @ApiProperty({ enum: PII_KINDS }) kind: PiiKind;
  @ApiProperty({ description: 'UTF-16 offset of the first character' }) start: number;
  @ApiProperty({ description: 'UTF-16 offset after the last character' }) end: number;
}

export class CheckTextView {
  @ApiProperty({ type: [CheckFindingView] }) findings: CheckFindingView[];
}

/**
 * The de-identification check on its own, for a form that flags identifying text while it is
 * typed (web: the referral's narrative). The same generic detector as the write routes, without
 * any situation's stored identity (so it reveals nothing about one); nothing is stored or audited,
 * and the text is never logged. The write routes still check and refuse on their own.
 */
@ApiTags('deidentification')
@ApiBearerAuth()
@Controller('tables/:tableId/deidentification')
export class DeidentificationController {
  @Post('check')
  @TableAccess('table', 'COORDINATOR', 'AGENCY_REP')
  @HttpCode(200)
  @ApiOkResponse({ type: CheckTextView })
  check(@Body() dto: CheckTextDto): CheckTextView {
    return { findings: scanFields({ text: dto.text }).map(({ kind, start, end }) => ({ kind, start, end })) };
  }
}
