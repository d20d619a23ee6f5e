import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { authenticateWith } from '../../common/authz/passport-auth';
import { DomainError } from '../../common/errors/domain-error';
import { textProblems } from '../../common/http/request-sanity';
import { validationFields } from '../../common/http/validation';
import { LoginDto } from './auth.dto';
import type { LoginResult } from './auth.service';
import { LocalStrategy } from './local.strategy';

/**
 * Validates the body (400 naming the fields) before this application's local strategy (passport)
 * checks the credentials; the result (token and principal) becomes `request.user`.
 */
@Injectable()
export class LoginGuard implements CanActivate {
  constructor(private readonly local: LocalStrategy) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const req = http.getRequest<{ body: unknown; user?: LoginResult }>();
    const body: unknown = req.body;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw DomainError.validation([{ field: 'body', problem: 'must be an object' }]);
    const problems = textProblems(body);
    if (problems.length) throw DomainError.validation(problems);
    const errors = validateSync(plainToInstance(LoginDto, body) as object, { whitelist: true, forbidNonWhitelisted: true });
    if (errors.length) throw DomainError.validation(validationFields(errors));
    req.user = await authenticateWith(this.local, req, http.getResponse());
    return true;
  }
}
