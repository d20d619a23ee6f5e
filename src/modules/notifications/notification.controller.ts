import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { Authenticated } from '../../common/authz/access-rule';
import type { Principal } from '../../common/authz/principal';
import { CurrentUser } from '../../common/authz/request-context';
import { ApiPaginatedResponse, Page, PageQuery } from '../../common/http/pagination';
import { UuidParam } from '../../common/http/uuid-param';
import { NotificationService, NotificationView } from './notification.service';

export class NotificationQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)) @IsBoolean() unread?: boolean;
}

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationController {
  constructor(private readonly notifications: NotificationService) {}

  @Get()
  @Authenticated()
  @ApiPaginatedResponse(NotificationView)
  list(@CurrentUser() user: Principal, @Query() query: NotificationQuery): Promise<Page<NotificationView>> {
    return this.notifications.list(user, query);
  }

  @Post(':id/read')
  @Authenticated()
  @HttpCode(204)
  @ApiNoContentResponse()
  markRead(@CurrentUser() user: Principal, @UuidParam('id') id: string): Promise<void> {
    return this.notifications.markRead(user, id);
  }
}
