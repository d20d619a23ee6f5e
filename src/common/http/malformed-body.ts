import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Observable } from 'rxjs';
import { DomainError } from '../errors/domain-error';
import { ErrorCode } from '../errors/error-codes';

const MALFORMED = Symbol('malformedJsonBody');

/**
 * A JSON body that does not parse (or nests too deeply) is remembered on the request instead of
 * being answered by the parser, so that the access checks come first (api.md: 401, 404, 403, 409,
 * then the content): MalformedBodyInterceptor, which runs after the guards, answers it with 400.
 */
export function markMalformed(req: object): void {
  (req as Record<symbol, boolean>)[MALFORMED] = true;
}

const isMalformed = (req: object): boolean => (req as Record<symbol, boolean>)[MALFORMED] === true;

@Injectable()
export class MalformedBodyInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() === 'http') {
      const req = context.switchToHttp().getRequest<object & { raw?: object }>();
      if (isMalformed(req) || (req.raw && isMalformed(req.raw))) throw new DomainError(ErrorCode.MALFORMED_REQUEST);
    }
    return next.handle();
  }
}
