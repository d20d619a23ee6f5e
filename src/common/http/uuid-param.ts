import { Param, PipeTransform } from '@nestjs/common';
import { isUuid } from '../authz/table-resolver';
import { DomainError } from '../errors/domain-error';

/** An id that is not a UUID names nothing: 404, like an id that does not exist. */
export class UuidPipe implements PipeTransform<unknown, string> {
  transform(value: unknown): string {
    if (!isUuid(value)) throw DomainError.notFound();
    return value.toLowerCase();
  }
}

export const UuidParam = (name: string) => Param(name, new UuidPipe());
