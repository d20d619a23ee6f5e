import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet, { HelmetOptions } from 'helmet';

/** The Content-Security-Policy and HSTS this API sends (OpenAPI UI included). */
export const HELMET_OPTIONS: Readonly<HelmetOptions> = {
  contentSecurityPolicy: {
    directives: { defaultSrc: ["'self'"], scriptSrc: ["'self'"], styleSrc: ["'self'", "'unsafe-inline'"], imgSrc: ["'self'", 'data:'] },
  },
  hsts: { maxAge: 31536000, includeSubDomains: true },
};

/**
 * Helmet's security headers for these options, computed once at start. The headers are the same
 * for every response (no nonces, no per-request directives), so running helmet per request, as
 * @fastify/helmet does (it rebuilds the policy each time), only burned CPU.
 */
export function securityHeaders(options: HelmetOptions = HELMET_OPTIONS): Readonly<Record<string, string>> {
  const headers: Record<string, string> = {};
  const res = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  helmet(options)({} as IncomingMessage, res as unknown as ServerResponse, (err?: unknown) => {
    // eslint-disable-next-line @typescript-eslint/only-throw-error -- rethrows what helmet hands over
    if (err) throw err;
  });
  return Object.freeze(headers);
}
