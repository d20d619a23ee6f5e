import { ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { DomainError } from '../../common/errors/domain-error';
import { validationFields } from '../../common/http/validation';
import { LoginDto } from './auth.dto';

/** Validates the body (400 naming the fields) before passport's local strategy sees it. */
@Injectable()
export class LoginGuard extends AuthGuard('local') {
  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const body: unknown = context.switchToHttp().getRequest().body;
    const dto = plainToInstance(LoginDto, body ?? {});
    const errors = typeof body === 'object' && body !== null && !Array.isArray(body)
      ? validateSync(dto as object, { whitelist: true, forbidNonWhitelisted: true })
      : [];
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw DomainError.validation([{ field: 'body', problem: 'must be an object' }]);
    if (errors.length) throw DomainError.validation(validationFields(errors));
    return (await super.canActivate(context)) as boolean;
  }

  override handleRequest<T>(err: unknown, user: T): T {
    if (err) throw err;
    return user;
  }
}
