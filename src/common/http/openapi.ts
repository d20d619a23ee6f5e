import type { OpenAPIObject } from '@nestjs/swagger';
import { ErrorCode } from '../errors/error-codes';

const ERROR_SCHEMA = {
  type: 'object',
  required: ['statusCode', 'error', 'message', 'code'],
  properties: {
    statusCode: { type: 'integer', example: 404 },
    error: { type: 'string', example: 'Not Found', description: 'the HTTP reason phrase, in French with Accept-Language: fr (e.g. Introuvable)' },
    message: { type: 'string', description: 'a sentence translated per Accept-Language (en, fr); no English and no raw code in French' },
    code: {
      type: 'string',
      // every code the filter can answer with, from the one enum (src/common/errors/error-codes.ts)
      enum: Object.values(ErrorCode),
    },
    details: {
      type: 'object',
      description:
        'VALIDATION_FAILED: { fields: [{ field, problem }] } (problem translated per Accept-Language); CONFLICT: { reason } (a code: EMAIL_TAKEN, MEETING_CLOSED, ...; its sentence is the message); PII_DETECTED: { findings: [{ field, kind, start, end }] }; IDENTITY_INTEGRITY_FAILURE (409, GET identity): the stored identity failed its integrity check, was not disclosed, and the failure is audited and flagged for the privacy officer',
    },
    requestId: { type: 'string', description: 'on 5xx only' },
  },
};

const COMMON: Record<string, string> = {
  '400': 'malformed JSON, failed validation or unknown fields',
  '401': 'missing, invalid or revoked token',
  '403': 'the caller lacks the role or standing',
  '404': 'does not exist, or belongs to a table the caller is not a member of',
  '413': 'body over 100 kB',
  '429': 'rate limited',
  '500': 'an unexpected failure: the body carries a request id only',
  '503': 'the database is unavailable',
};
const MUTATING: Record<string, string> = {
  '409': 'the transition no longer applies, or If-Match names a stale version',
  '415': 'a body that is not application/json',
  '422': 'identifying information found in free text (PII_DETECTED)',
};

interface ParameterLike {
  in?: string;
  name?: string;
}

/**
 * Declares each `{param}` of a path that no decorator declared: a table-scoped route reads its
 * `tableId` through the access guard (@Scope), not through @Param.
 */
export function declarePathParameters(doc: OpenAPIObject): OpenAPIObject {
  for (const [path, item] of Object.entries(doc.paths)) {
    const names = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
    for (const op of Object.values(item as Record<string, { responses?: unknown; parameters?: ParameterLike[] }>)) {
      if (!op || typeof op !== 'object' || !('responses' in op)) continue;
      const params = (op.parameters ??= []);
      for (const name of names) {
        if (params.some((p) => p.in === 'path' && p.name === name)) continue;
        params.push({ in: 'path', name, required: true, schema: { type: 'string', ...(name.endsWith('Id') || name === 'id' ? { format: 'uuid' } : {}) } } as ParameterLike);
      }
    }
  }
  return doc;
}

/** Documents the error shape and the errors every operation can answer with. */
export function addErrorResponses(doc: OpenAPIObject): OpenAPIObject {
  doc.components = { ...doc.components, schemas: { ...doc.components?.schemas, ErrorBody: ERROR_SCHEMA as never } };
  const ref = { content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } } };
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item as Record<string, { responses?: Record<string, unknown> }>)) {
      if (!op || typeof op !== 'object' || !('responses' in op)) continue;
      const errors = { ...COMMON, ...(method !== 'get' ? MUTATING : {}) };
      if (path.startsWith('/health')) delete errors['401'];
      for (const [code, description] of Object.entries(errors)) op.responses![code] ??= { description, ...ref };
      // an error a route declares itself (410 on identity, say) has the same body
      for (const [code, response] of Object.entries(op.responses!)) {
        if (Number(code) >= 400 && response && typeof response === 'object' && !('content' in response) && !('$ref' in response)) Object.assign(response, ref);
      }
    }
  }
  return doc;
}
