import Ajv2020, { ErrorObject, ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { appendFileSync } from 'node:fs';
import type { Response, Test } from 'supertest';

type Schema = Record<string, unknown>;
interface MediaType {
  schema?: Schema;
}
interface ResponseObject {
  description?: string;
  content?: Record<string, MediaType>;
}
interface Operation {
  responses?: Record<string, ResponseObject>;
}
export interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

interface Route {
  template: string;
  pattern: RegExp;
  literals: number;
  item: Record<string, Operation>;
}

const DOC_ID = 'openapi';
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

/**
 * Responses may carry no field their schema does not name: an object schema with `properties` and
 * no `additionalProperties` is closed for the check (a field added to a view without its
 * `@ApiProperty` fails the suite). Applied to the validator's copy only.
 */
function closeObjects(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(closeObjects);
  if (!node || typeof node !== 'object') return node;
  const out: Schema = {};
  for (const [k, v] of Object.entries(node as Schema)) out[k] = k === 'example' || k === 'examples' || k === 'default' || k === 'enum' || k === 'const' ? v : closeObjects(v);
  if (out.properties && typeof out.properties === 'object' && out.additionalProperties === undefined && !out.allOf && !out.anyOf && !out.oneOf) out.additionalProperties = false;
  return out;
}

/** Refs of the document (`#/components/...`) resolved against the document registered in Ajv. */
function rebase(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rebase);
  if (!node || typeof node !== 'object') return node;
  const out: Schema = {};
  for (const [k, v] of Object.entries(node as Schema)) out[k] = k === '$ref' && typeof v === 'string' && v.startsWith('#/') ? `${DOC_ID}${v}` : rebase(v);
  return out;
}

export interface ValidationStats {
  validated: number;
  byOperation: Map<string, number>;
}

/**
 * Holds each response a test receives against the OpenAPI document the server serves
 * (`/docs-json`): the operation is found by method and path template, then the status must be
 * documented, the content type declared, and a JSON body valid against the schema (Ajv, JSON Schema
 * 2020-12 as OpenAPI 3.1 uses). A path no operation matches must be a documented error (4xx,
 * `ErrorBody`).
 */
export class OpenApiResponseValidator {
  readonly stats: ValidationStats = { validated: 0, byOperation: new Map() };
  private readonly ajv: Ajv2020;
  private readonly routes: Route[];
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(readonly doc: OpenApiDocument) {
    this.ajv = new Ajv2020({ strict: false, allErrors: true, logger: false, validateFormats: true });
    addFormats(this.ajv);
    this.ajv.addSchema({ $id: DOC_ID, components: closeObjects(doc.components ?? {}) } as Schema);
    this.routes = Object.entries(doc.paths)
      .map(([template, item]) => {
        const segments = template.split('/');
        // a parameter is a whole segment (`{id}`) or part of one (`{year}.pdf`)
        const source = segments
          .map((s) =>
            /^\{[^}]+\}$/.test(s)
              ? '[^/]+'
              : s
                  .split(/(\{[^}]+\})/)
                  .map((part) => (/^\{[^}]+\}$/.test(part) ? '[^/.]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
                  .join(''),
          )
          .join('/');
        return { template, pattern: new RegExp(`^${source}$`), literals: segments.filter((s) => !s.startsWith('{')).length, item };
      })
      .sort((a, b) => b.literals - a.literals);
  }

  private validator(key: string, schema: Schema): ValidateFunction {
    let fn = this.compiled.get(key);
    if (!fn) {
      fn = this.ajv.compile(rebase(closeObjects(schema)) as Schema);
      this.compiled.set(key, fn);
    }
    return fn;
  }

  /** The problem with this response, or null when the document describes it. */
  check(method: string, url: string, res: Pick<Response, 'status' | 'headers' | 'body' | 'text'>): string | null {
    const path = url.split('?')[0];
    const verb = method.toLowerCase();
    const route = this.routes.find((r) => r.pattern.test(path));
    const opMethod = verb === 'head' ? 'get' : verb;
    const op = route?.item[opMethod];
    const name = `${method.toUpperCase()} ${route?.template ?? path} → ${res.status}`;
    if (!op || !METHODS.includes(verb)) {
      // Not an operation of the API (an unknown path or method): only a documented error may answer.
      if (res.status < 400) return `${name}: a success from a path and method the document does not describe`;
      return this.checkBody(name, 'ErrorBody', { content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } } }, res, verb);
    }
    this.count(`${opMethod.toUpperCase()} ${route!.template}`);
    const response = op.responses?.[String(res.status)] ?? op.responses?.default;
    if (!response) return `${name}: status ${res.status} is not documented for this operation (documented: ${Object.keys(op.responses ?? {}).join(', ')})`;
    return this.checkBody(name, `${opMethod} ${route!.template} ${res.status}`, response, res, verb);
  }

  private count(operation: string): void {
    this.stats.validated++;
    this.stats.byOperation.set(operation, (this.stats.byOperation.get(operation) ?? 0) + 1);
  }

  private checkBody(name: string, key: string, response: ResponseObject, res: Pick<Response, 'status' | 'headers' | 'body' | 'text'>, verb: string): string | null {
    const contentType = String(res.headers['content-type'] ?? '')
      .split(';')[0]
      .trim()
      .toLowerCase();
    const length = Number(res.headers['content-length'] ?? NaN);
    const empty = verb === 'head' || res.status === 204 || res.status === 304 || length === 0 || (!contentType && !res.text);
    const declared = Object.keys(response.content ?? {});
    if (empty) return null;
    if (declared.length === 0) return `${name}: the response has a body (${contentType || 'no content type'}) but the document declares none`;
    if (!declared.includes(contentType)) return `${name}: content type ${contentType || '(none)'} is not declared (declared: ${declared.join(', ')})`;
    if (contentType !== 'application/json') return null; // CSV, text: the declared type is the check
    const schema = response.content![contentType].schema;
    if (!schema) return `${name}: JSON without a schema in the document`;
    const validate = this.validator(`${key} ${contentType}`, schema);
    if (validate(res.body)) return null;
    return `${name}: the body does not match its schema\n${formatErrors(validate.errors ?? [])}\nbody: ${JSON.stringify(res.body).slice(0, 1500)}`;
  }
}

function formatErrors(errors: ErrorObject[]): string {
  return errors
    .slice(0, 12)
    .map(
      (e) =>
        `  ${e.instancePath || '(root)'} ${e.message ?? e.keyword}${e.keyword === 'additionalProperties' ? ` '${(e.params as { additionalProperty: string }).additionalProperty}'` : ''} (schema ${e.schemaPath})`,
    )
    .join('\n');
}

/**
 * OPENAPI_VALIDATION=report (a survey, never in CI) appends each problem to OPENAPI_REPORT_FILE
 * instead of failing the test, so one run lists every mismatch of a suite.
 */
function reported(problem: string): boolean {
  if (process.env.OPENAPI_VALIDATION !== 'report') return false;
  appendFileSync(process.env.OPENAPI_REPORT_FILE ?? 'openapi-report.txt', `${problem}\n---\n`);
  return true;
}

/**
 * Makes `test` fail (after its own assertions) when its response is not what the document says:
 * the error names the route, the status and Ajv's errors. Every request of the e2e helpers goes
 * through here (test/support/api.ts, checkedRequest).
 */
export function validateResponses(validator: OpenApiResponseValidator, test: Test): Test {
  const t = test as Test & { assert(err: Error | null, res: Response, fn?: (err: Error | null, res: Response) => void): void; method: string; url: string };
  const original = t.assert.bind(t);
  t.assert = (err, res, fn) =>
    original(err, res, (assertionError, response) => {
      let problem: string | null = null;
      if (response) {
        const url = new URL(t.url).pathname;
        problem = validator.check(t.method, url, response);
      }
      if (problem && reported(problem)) problem = null;
      fn?.call(t, assertionError ?? (problem ? new Error(`OpenAPI: ${problem}`) : null), response);
    });
  return t;
}
