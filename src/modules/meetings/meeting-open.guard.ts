import { CanActivate, ExecutionContext, Injectable, UseGuards } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppRequest } from '../../common/authz/request-context';
import { DomainError } from '../../common/errors/domain-error';
import { MeetingRepository } from './meeting.repository';

/**
 * A write on a meeting applies only while it is open: 409 for a closed one, before the body is
 * validated (api.md: state 409 before content 400). Runs after the AccessGuard (table and role);
 * the service re-checks under the row lock.
 */
@Injectable()
export class MeetingOpenGuard implements CanActivate {
  constructor(
    private readonly meetings: MeetingRepository,
    private readonly db: DataSource,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const scope = context.switchToHttp().getRequest<AppRequest>().scope;
    if (!scope?.resourceId) throw DomainError.forbidden('undeclared meeting write');
    const meeting = await this.meetings.find(this.db, scope.resourceId, scope.tableId);
    if (!meeting) throw DomainError.notFound('meeting');
    if (meeting.status === 'CLOSED') throw DomainError.conflict('MEETING_CLOSED');
    return true;
  }
}

export const OpenMeetingWrite = () => UseGuards(MeetingOpenGuard);
