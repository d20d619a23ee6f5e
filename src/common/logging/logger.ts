import { LoggerService } from '@nestjs/common';
import pino, { Logger } from 'pino';
import { requestIdMixin } from '../observability/request-context';

/**
 * Structured JSON logs (pino). Redaction is a second line of defence: code logs ids, codes and
 * counts, never request bodies, tokens, passwords or personal data.
 */
export function createRootLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'situation-table' },
    mixin: requestIdMixin,
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'headers.authorization',
        '*.password',
        '*.passwordHash',
        '*.accessToken',
        '*.givenName',
        '*.familyName',
        '*.dateOfBirth',
        '*.address',
        '*.phone',
        '*.narrative',
        '*.note',
        '*.rationale',
        '*.informationNeeded',
        '*.purposeNote',
        '*.purpose',
        'req.body',
        'body',
      ],
      censor: '[redacted]',
    },
    serializers: {
      req: (req: { method?: string; url?: string; id?: string }) => ({ method: req.method, url: req.url?.split('?')[0], id: req.id }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
    },
  });
}

/** Nest's LoggerService on top of pino. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  private write(level: 'info' | 'error' | 'warn' | 'debug' | 'trace', message: unknown, rest: unknown[]): void {
    const context = typeof rest[rest.length - 1] === 'string' ? (rest[rest.length - 1] as string) : undefined;
    if (message !== null && typeof message === 'object') {
      const text = typeof rest[0] === 'string' && rest.length > 1 ? rest[0] : undefined;
      this.logger[level]({ context, ...(message as object) }, text);
    } else {
      this.logger[level]({ context }, String(message));
    }
  }

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    // Nest passes (message, stack, context): keep the stack, it holds no data values.
    this.write(
      'error',
      message,
      rest.filter((r) => typeof r !== 'string' || !r.includes('\n    at ')),
    );
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }
}
