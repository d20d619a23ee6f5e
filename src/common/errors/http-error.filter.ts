import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { I18nService } from 'nestjs-i18n';
import { languageOf } from '../http/language';
import { DomainError } from './domain-error';
import { ErrorBody, reasonPhrase } from './error-body';
import { ErrorCode, HTTP_STATUS } from './error-codes';
import { problemInFrench } from './problems';
import { StatusLabels } from './status-labels';

const UNAVAILABLE_PG = new Set(['57P01', '57P02', '57P03', '08000', '08003', '08006', '08001', '08004', '53300']);
const UNAVAILABLE_NET = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH']);

/** Turns anything thrown into a domain error; unknown errors become INTERNAL. */
export function toDomainError(err: unknown): DomainError {
  if (err instanceof DomainError) return err;
  if (err instanceof ThrottlerException) return new DomainError(ErrorCode.RATE_LIMITED);
  if (err instanceof HttpException) return fromHttpException(err);
  const e = err as { code?: string; driverError?: { code?: string }; message?: string; statusCode?: number } | undefined;
  const code = e?.driverError?.code ?? e?.code;
  if (code === '23505') return DomainError.conflict('DUPLICATE');
  if (code === '40001' || code === '40P01') return DomainError.conflict('CONCURRENT_UPDATE');
  if (code === '22P02' || code === '22007' || code === '22008' || code === '22021' || code === '22P05' || code === '23514' || code === '22001') {
    return new DomainError(ErrorCode.VALIDATION_FAILED, { fields: 'input' });
  }
  if (code === '57014') return new DomainError(ErrorCode.SERVICE_UNAVAILABLE);
  if ((code && (UNAVAILABLE_PG.has(code) || UNAVAILABLE_NET.has(code))) || isConnectionLoss(e?.message)) {
    return new DomainError(ErrorCode.SERVICE_UNAVAILABLE);
  }
  // Fastify's router: a URL it cannot decode, a path parameter over maxParamLength (414 otherwise).
  if (code === 'FST_ERR_BAD_URL' || code === 'FST_ERR_MAX_PARAM_LENGTH') return new DomainError(ErrorCode.VALIDATION_FAILED, { fields: 'url' });
  // Fastify's own client errors (bad JSON, body too large, wrong content type) carry a statusCode.
  if (typeof e?.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) return fromStatus(e.statusCode, e.code);
  return new DomainError(ErrorCode.INTERNAL);
}

function isConnectionLoss(message?: string): boolean {
  return !!message && /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|connect ECONNREFUSED/i.test(message);
}

function fromHttpException(err: HttpException): DomainError {
  const status = err.getStatus();
  const response = err.getResponse() as { code?: string } | string;
  return fromStatus(status, typeof response === 'object' ? response.code : undefined);
}

function fromStatus(status: number, code?: string): DomainError {
  if (status === 413 || code === 'FST_ERR_CTP_BODY_TOO_LARGE') return new DomainError(ErrorCode.PAYLOAD_TOO_LARGE);
  if (status === 415 || code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return new DomainError(ErrorCode.UNSUPPORTED_MEDIA_TYPE);
  if (status === 400) return new DomainError(ErrorCode.MALFORMED_REQUEST);
  if (status === 401) return new DomainError(ErrorCode.UNAUTHENTICATED);
  if (status === 403) return DomainError.forbidden();
  if (status === 404) return DomainError.notFound('route');
  if (status === 429) return new DomainError(ErrorCode.RATE_LIMITED);
  if (status === 503) return new DomainError(ErrorCode.SERVICE_UNAVAILABLE);
  if (status >= 400 && status < 500) return new DomainError(ErrorCode.VALIDATION_FAILED, { fields: 'request' });
  return new DomainError(ErrorCode.INTERNAL);
}

@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpError');

  constructor(
    private readonly i18n: I18nService,
    private readonly labels: StatusLabels,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    this.respond(exception, ctx.getRequest<FastifyRequest>(), ctx.getResponse<FastifyReply>());
  }

  /**
   * The contract's error answer for anything thrown, in the caller's language. Also Fastify's own
   * router errors (a malformed URL, an over-long path parameter), which never reach Nest's filters:
   * app.factory.ts hands them here through Fastify's `frameworkErrors`.
   */
  respond(exception: unknown, request: FastifyRequest | undefined, reply: FastifyReply): void {
    const error = toDomainError(exception);
    const status = HTTP_STATUS[error.code];
    const requestId = String(request?.id ?? '');
    if (status >= 500) {
      // Name, code and stack only: messages of database errors may quote values.
      const e = exception as { name?: string; code?: string; stack?: string };
      this.logger.error({ requestId, err: { name: e?.name, code: e?.code, stack: e?.stack?.split('\n').slice(1, 8).join('\n') } }, 'request failed');
    }
    const lang = languageOf(request?.headers?.['accept-language']);
    const body: ErrorBody = {
      statusCode: status,
      error: lang === 'en' ? reasonPhrase(status) : this.t(`http.status.${status}`, lang, status >= 500 ? 'http.status.5xx' : 'http.status.4xx'),
      message: this.message(error, lang, requestId),
      code: error.code,
    };
    if (error.details) body.details = lang === 'en' ? error.details : localisedDetails(error.details);
    if (status >= 500) body.requestId = requestId;
    if (reply.sent) return;
    if (error.code === ErrorCode.RATE_LIMITED) void reply.header('retry-after', '60');
    void reply.status(status).header('content-type', 'application/json; charset=utf-8').send(body);
  }

  /**
   * The message in the caller's language, with nothing of another language in it: a conflict's
   * reason is a code translated here, a status is shown by its label, and a validation error
   * without per-field details says so without naming a placeholder field.
   */
  private message(error: DomainError, lang: 'en' | 'fr', requestId: string): string {
    const args: Record<string, string | number> = { ...error.args, requestId };
    let key: string = error.code;
    if (error.code === ErrorCode.CONFLICT) args.reason = this.t(`conflicts.${String(error.args.reason)}`, lang, 'conflicts.GENERIC');
    if (error.code === ErrorCode.INVALID_TRANSITION) args.from = this.labels.statusLabel(String(error.args.from), lang);
    if (error.code === ErrorCode.VALIDATION_FAILED && !Array.isArray(error.details?.fields)) key = 'VALIDATION_FAILED_GENERIC';
    return this.i18n.translate(`errors.${key}`, { lang, args }) as string;
  }

  /** A key's translation, else a fallback key's (nestjs-i18n answers the key itself when it has none). */
  private t(key: string, lang: 'en' | 'fr', fallback?: string): string {
    const text = this.i18n.translate(key, { lang }) as string;
    return text === key && fallback ? (this.i18n.translate(fallback, { lang }) as string) : text;
  }
}

/** Details for a French answer: each field's problem in French (problems.ts); the rest is codes and field names. */
function localisedDetails(details: Record<string, unknown>): Record<string, unknown> {
  const fields = details.fields;
  if (!Array.isArray(fields)) return details;
  return { ...details, fields: (fields as { field: string; problem: string }[]).map((f) => ({ ...f, problem: problemInFrench(String(f.problem)) })) };
}
