import { ApiProperty } from '@nestjs/swagger';

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
