import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { API_PREFIX } from '../../src/app.factory';
import { ACCESS_RULE, AccessRule } from '../../src/common/authz/access-rule';
import { TEMPORARY_PASSWORD_OK } from '../../src/common/authz/temporary-password';

/** One route the application serves, with the access rule its handler (or controller) declares. */
export interface RouteEntry {
  method: string;
  path: string;
  handler: string;
  rule: AccessRule | undefined;
  /** reachable with a temporary password (@AllowWithTemporaryPassword) */
  temporaryPasswordOk: boolean;
}

/** Routes outside the global prefix (app.factory.ts: setGlobalPrefix exclude). */
export const UNPREFIXED = /^(health|metrics)(\/|$)/;

// eslint-disable-next-line @typescript-eslint/no-base-to-string -- a route path is a string or a list of strings
export const asList = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : [value === undefined ? '/' : String(value)]);
export const join2 = (...parts: string[]): string =>
  `/${parts
    .flatMap((p) => p.split('/'))
    .filter(Boolean)
    .join('/')}`;

/** Every route of every controller of the application, read from the Nest metadata. */
export function routesOf(app: NestFastifyApplication): RouteEntry[] {
  const reflector = app.get(Reflector);
  const scanner = new MetadataScanner();
  const routes: RouteEntry[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: unknown[]) => object) | null;
      if (!controller || !wrapper.instance) continue;
      const prototype = Object.getPrototypeOf(wrapper.instance) as Record<string, unknown>;
      for (const name of scanner.getAllMethodNames(prototype)) {
        const handler = prototype[name] as (...args: unknown[]) => unknown;
        const methodPath = Reflect.getMetadata(PATH_METADATA, handler) as unknown;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (methodPath === undefined || method === undefined) continue; // not a route handler
        const rule = reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [handler, controller]);
        const temporaryPasswordOk = reflector.getAllAndOverride<boolean | undefined>(TEMPORARY_PASSWORD_OK, [handler, controller]) === true;
        for (const base of asList(Reflect.getMetadata(PATH_METADATA, controller))) {
          for (const sub of asList(methodPath)) {
            const local = join2(base, sub).slice(1);
            routes.push({
              method: RequestMethod[method],
              path: UNPREFIXED.test(local) ? `/${local}` : join2(API_PREFIX, local),
              handler: `${controller.name}.${name}`,
              rule,
              temporaryPasswordOk,
            });
          }
        }
      }
    }
  }
  return routes;
}

/** `METHOD /path` of every route the application serves (in enumeration order). */
export function routeKeys(app: NestFastifyApplication): string[] {
  return routesOf(app).map((r) => `${r.method} ${r.path}`);
}
