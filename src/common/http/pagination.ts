import { applyDecorators, Type as ClassType } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { DomainError } from '../errors/domain-error';

export const DEFAULT_PAGE = 50;
export const MAX_PAGE = 200;

/** `?limit=&cursor=` of every list (api.md, "Lists"). */
export class PageQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE, default: DEFAULT_PAGE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE)
  limit?: number;

  @ApiPropertyOptional({ description: 'opaque cursor from nextCursor' })
  @IsOptional()
  @IsString()
  @MaxLength(400)
  @Matches(/^[A-Za-z0-9_-]+$/)
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * The 200 answer of a list route, `Page<model>` in the document: `Page<T>` is an interface
 * (erased at run time), so each list names its item class here.
 */
export function ApiPaginatedResponse(model: ClassType<unknown>, description?: string): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(model),
    ApiOkResponse({
      description: description ?? `a page of ${model.name} (api.md, "Lists")`,
      schema: {
        type: 'object',
        required: ['items', 'nextCursor'],
        properties: {
          items: { type: 'array', items: { $ref: getSchemaPath(model) } },
          nextCursor: { type: 'string', nullable: true, description: 'pass as ?cursor= for the next page; null on the last page' },
        },
      },
    }),
  );
}

/** Keyset cursors: the sort key of the last row, opaque to clients. */
export function encodeCursor(key: string[]): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/**
 * What each position of a cursor holds. A cursor is client input like any other: each part is
 * checked for its kind and range, so a forged one is a 400, never a query error.
 * - time: an ISO 8601 instant as toISOString writes it, years 1970 to 9999
 * - uuid: a canonical uuid
 * - seq: a positive bigint, as a decimal string
 * - key: a sort key of lower-case letters, digits and hyphens (at most 40), compared as text
 */
export type CursorPart = 'time' | 'uuid' | 'seq' | 'key';
export const TIME_ID_CURSOR = ['time', 'uuid'] as const;
export const SEQ_CURSOR = ['seq'] as const;
/** (time, sort key): lists merged from several sources, each row's key naming its source and id. */
export const TIME_KEY_CURSOR = ['time', 'key'] as const;
/** (time, uuid, seq), newest first across audit chains: an entry's time, its chain (a table id) and its place in the chain. */
export const TIME_CHAIN_SEQ_CURSOR = ['time', 'uuid', 'seq'] as const;

type Decoded<K extends readonly CursorPart[]> = { -readonly [I in keyof K]: string };

const ISO_INSTANT = /^(19[7-9]\d|[2-9]\d{3})-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const SEQ = /^[1-9]\d{0,18}$/;
const KEY = /^[a-z0-9-]{1,40}$/;
const MAX_BIGINT = 9223372036854775807n;

function validPart(kind: CursorPart, value: unknown): value is string {
  if (typeof value !== 'string') return false;
  switch (kind) {
    case 'time': {
      if (!ISO_INSTANT.test(value)) return false;
      const t = new Date(value);
      return !Number.isNaN(t.getTime()) && t.toISOString() === value;
    }
    case 'uuid':
      return UUID.test(value);
    case 'seq':
      return SEQ.test(value) && BigInt(value) <= MAX_BIGINT;
    case 'key':
      return KEY.test(value);
  }
}

export function decodeCursor<K extends readonly CursorPart[]>(cursor: string | undefined, kinds: K): Decoded<K> | null {
  if (!cursor) return null;
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    key = undefined;
  }
  if (Array.isArray(key) && key.length === kinds.length && kinds.every((k, i) => validPart(k, key[i]))) return key as Decoded<K>;
  throw DomainError.validation([{ field: 'cursor', problem: 'is not a cursor this list gave' }]);
}

/** Fetch limit + 1 rows; this turns them into a page. */
export function toPage<R, T>(rows: R[], limit: number, key: (row: R) => string[], map: (row: R) => T): Page<T> {
  const more = rows.length > limit;
  const slice = more ? rows.slice(0, limit) : rows;
  return { items: slice.map(map), nextCursor: more ? encodeCursor(key(slice[slice.length - 1])) : null };
}

export const pageLimit = (q: PageQuery): number => q.limit ?? DEFAULT_PAGE;
