import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { DomainError } from '../errors/domain-error';

/** Names every plain object inherits: as request fields they would slip past the whitelist. */
const INHERITED = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);

export interface TextProblem {
  field: string;
  problem: string;
}

/**
 * Problems no field may have, whatever its DTO: NUL characters and lone surrogates (PostgreSQL
 * cannot store them), and keys named after Object.prototype members. Depth is already bounded by
 * the JSON parser.
 */
export function textProblems(value: unknown, path = ''): TextProblem[] {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) return [{ field: path || 'value', problem: 'must not contain NUL characters' }];
    if (!value.isWellFormed()) return [{ field: path || 'value', problem: 'must be well-formed Unicode' }];
    return [];
  }
  if (value === null || typeof value !== 'object') return [];
  const out: TextProblem[] = [];
  for (const key of Object.keys(value)) {
    const field = path ? `${path}.${key}` : key;
    if (INHERITED.has(key)) out.push({ field, problem: 'unknown field' });
    else out.push(...textProblems((value as Record<string, unknown>)[key], field));
    if (out.length >= 20) break;
  }
  return out;
}

/** Runs before validation on every body and query: refuses what validation cannot see. */
@Injectable()
export class RequestSanityPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'body' && metadata.metatype && metadata.metatype !== Object && (value === null || typeof value !== 'object' || Array.isArray(value))) {
      throw DomainError.validation([{ field: 'body', problem: 'must be a JSON object' }]);
    }
    if (metadata.type === 'body' || metadata.type === 'query' || metadata.type === 'param') {
      const problems = textProblems(value);
      if (problems.length) throw DomainError.validation(problems);
    }
    return value;
  }
}
