import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { HelmetOptions } from 'helmet';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The web app (web/, built by Vite into dist/web) served by the same server: hashed, immutable
 * assets under /assets, index.html never cached, and index.html for every other GET that is not
 * the API's (the SPA's routes). Without a build (unit-test apps), nothing is registered.
 */

/** Where `npm run build` puts the web app, seen from dist/src (the compiled server). */
export const DEFAULT_WEB_ROOT = join(__dirname, '..', '..', '..', 'web');

/** Paths that belong to the server, never to the SPA. */
const SERVER_PATHS = /^\/(api|health|metrics|docs)(\/|$|\?|-)/;

export function isServerPath(url: string): boolean {
  return SERVER_PATHS.test(url);
}

/**
 * The app's Content-Security-Policy: scripts, styles, fonts and requests from 'self' only, no
 * 'unsafe-inline' (the API's policy keeps it for the OpenAPI UI alone). No
 * upgrade-insecure-requests: TLS is the reverse proxy's (HSTS), and the directive would break a
 * plain-HTTP start on a LAN address.
 */
export const WEB_HELMET_OPTIONS: Readonly<HelmetOptions> = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'"],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
      scriptSrcAttr: ["'none'"],
    },
  },
  frameguard: { action: 'deny' },
  hsts: { maxAge: 31536000, includeSubDomains: true },
};

/** True when `root` holds a Vite build (index.html and its manifest). */
export function hasWebBuild(root: string): boolean {
  return existsSync(join(root, 'index.html')) && existsSync(join(root, '.vite', 'manifest.json'));
}

export async function registerWebApp(fastify: FastifyInstance, root: string): Promise<boolean> {
  if (!hasWebBuild(root)) return false;
  const index = readFileSync(join(root, 'index.html'));
  // Loaded only when there is a build: @fastify/static pulls in ESM-only files that Jest's
  // CommonJS apps (which have no build) cannot load.
  const { default: fastifyStatic } = await import('@fastify/static');
  await fastify.register(fastifyStatic, {
    root: join(root, 'assets'),
    prefix: '/assets/',
    decorateReply: false,
    index: false,
    dotfiles: 'deny',
    // "public, max-age=31536000, immutable": every file name carries its content hash.
    cacheControl: true,
    maxAge: 31536000 * 1000,
    immutable: true,
  });
  const sendIndex = (req: FastifyRequest, reply: FastifyReply) => {
    if (isServerPath(req.url)) return reply.callNotFound();
    return reply.header('cache-control', 'no-store').type('text/html; charset=utf-8').send(index);
  };
  fastify.get('/', sendIndex);
  fastify.get('/*', sendIndex);
  return true;
}
