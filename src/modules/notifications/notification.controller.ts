import { Body, Controller, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { Authenticated } from '../../common/authz/access-rule';
import type { Actor, Principal } from '../../common/authz/principal';
import { CurrentActor, CurrentUser } from '../../common/authz/request-context';
import { ApiPaginatedResponse, Page, PageQuery } from '../../common/http/pagination';
import { UuidParam } from '../../common/http/uuid-param';
import { NotificationPreferencesDto } from './notification.dto';
import { NotificationPreferencesView, NotificationService, NotificationView } from './notification.service';

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

  @Get('preferences')
  @Authenticated()
  @ApiOkResponse({ type: NotificationPreferencesView, description: 'which notifications the caller also receives by e-mail (all by default), and in which language' })
  preferences(@CurrentUser() user: Principal): Promise<NotificationPreferencesView> {
    return this.notifications.preferences(user);
  }

  @Put('preferences')
  @Authenticated()
  @ApiOkResponse({ type: NotificationPreferencesView })
  savePreferences(@CurrentUser() user: Principal, @CurrentActor() actor: Actor, @Body() dto: NotificationPreferencesDto): Promise<NotificationPreferencesView> {
    return this.notifications.savePreferences(user, actor, dto);
  }

  @Post(':id/read')
  @Authenticated()
  @HttpCode(204)
  @ApiNoContentResponse()
  markRead(@CurrentUser() user: Principal, @UuidParam('id') id: string): Promise<void> {
    return this.notifications.markRead(user, id);
  }
}
