import { ValidationError, ValidationPipe } from '@nestjs/common';
import { DomainError } from '../errors/domain-error';

/** Flattens class-validator errors into `{ field, problem }` with dotted paths; never echoes values. */
export function validationFields(errors: ValidationError[], prefix = ''): { field: string; problem: string }[] {
  const out: { field: string; problem: string }[] = [];
  for (const e of errors) {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    for (const [rule, text] of Object.entries(e.constraints ?? {})) {
      out.push({ field, problem: rule === 'whitelistValidation' ? 'unknown field' : text.replace(/^\S+\s/, '') });
    }
    if (e.children?.length) out.push(...validationFields(e.children, field));
  }
  return out.slice(0, 50);
}

/** Whitelist, refuse unknown fields, transform to DTO classes; errors become 400 VALIDATION_FAILED. */
export function appValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    forbidUnknownValues: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => DomainError.validation(validationFields(errors)),
  });
}
