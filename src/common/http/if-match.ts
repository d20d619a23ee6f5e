import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { DomainError } from '../errors/domain-error';

/** `3`, `"3"`, `W/"3"` → 3; absent or empty → undefined; anything else → 'invalid'. */
export function parseIfMatch(raw: string | undefined): number | undefined | 'invalid' {
  if (raw === undefined || raw === '') return undefined;
  const m = /^\s*(?:W\/)?(?:"(\d{1,9})"|(\d{1,9}))\s*$/.exec(raw);
  return m ? Number(m[1] ?? m[2]) : 'invalid';
}

/** `If-Match: 3` (or `"3"`, `W/"3"`) → 3; absent → undefined; anything else → 400. */
export const IfMatch = createParamDecorator((_: unknown, ctx: ExecutionContext): number | undefined => {
  const parsed = parseIfMatch(ctx.switchToHttp().getRequest<{ headers: Record<string, string | undefined> }>().headers['if-match']);
  if (parsed === 'invalid') throw DomainError.validation([{ field: 'If-Match', problem: 'must be the version read, e.g. 3' }]);
  return parsed;
});
