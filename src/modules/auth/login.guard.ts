import { ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { DomainError } from '../../common/errors/domain-error';
import { textProblems } from '../../common/http/request-sanity';
import { validationFields } from '../../common/http/validation';
import { LoginDto } from './auth.dto';

/** Validates the body (400 naming the fields) before passport's local strategy sees it. */
@Injectable()
export class LoginGuard extends AuthGuard('local') {
  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const body: unknown = context.switchToHttp().getRequest().body;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw DomainError.validation([{ field: 'body', problem: 'must be an object' }]);
    const problems = textProblems(body);
    if (problems.length) throw DomainError.validation(problems);
    const errors = validateSync(plainToInstance(LoginDto, body) as object, { whitelist: true, forbidNonWhitelisted: true });
    if (errors.length) throw DomainError.validation(validationFields(errors));
    return (await super.canActivate(context)) as boolean;
  }

  override handleRequest<T>(err: unknown, user: T): T {
    // eslint-disable-next-line @typescript-eslint/only-throw-error -- rethrows what Passport hands over
    if (err) throw err;
    return user;
  }
}
