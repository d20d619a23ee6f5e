import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsOptional } from 'class-validator';
import { EMAIL_KINDS, EMAIL_LANGUAGES, type EmailKind, type EmailLanguage } from './email-rules';

/** An in-app notification: references only (ids, codes), never content. */
export class NotificationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'MOBILIZATION_OVERDUE' }) kind: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) tableId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) situationId: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'references of the event (ids, codes)' }) payload: Record<string, unknown>;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String }) readAt: string | null;
}

/** Which notifications the caller also receives by e-mail, and in which language. */
export class NotificationPreferencesView {
  @ApiProperty({ description: 'whether this server sends e-mail at all (SMTP configured)' }) emailAvailable: boolean;
  @ApiProperty({ enum: EMAIL_KINDS, isArray: true, description: 'every kind that can be sent by e-mail' }) kinds: EmailKind[];
  @ApiProperty({ enum: EMAIL_KINDS, isArray: true, description: 'the kinds the caller receives by e-mail (all by default)' }) emailKinds: EmailKind[];
  @ApiProperty({ enum: EMAIL_LANGUAGES, nullable: true, type: String, description: 'language of the e-mails; null: English and French in one mail' })
  emailLanguage: EmailLanguage | null;
}

export class NotificationPreferencesDto {
  @ApiProperty({ enum: EMAIL_KINDS, isArray: true, description: 'the kinds to receive by e-mail; the others are turned off' })
  @IsArray()
  @ArrayMaxSize(EMAIL_KINDS.length)
  @ArrayUnique()
  @IsIn(EMAIL_KINDS, { each: true })
  emailKinds: EmailKind[];

  @ApiPropertyOptional({ enum: EMAIL_LANGUAGES, nullable: true, type: String, description: 'language of the e-mails; absent or null: English and French in one mail' })
  @IsOptional()
  @IsIn(EMAIL_LANGUAGES)
  emailLanguage?: EmailLanguage | null;
}
