import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';
import { ApiError } from './errors';

export type Schemas = components['schemas'];

/**
 * The typed client of the API (types generated from the served OpenAPI document into schema.d.ts:
 * no hand-written request types). Same origin; nothing is cached by the browser (`no-store`).
 * The access token lives in this module's memory only: never in localStorage, sessionStorage,
 * a cookie or a URL.
 */
let accessToken: string | null = null;
let language = 'en';
let onUnauthorized: (() => void) | null = null;

export function setAccessToken(token: string | null): void {
  accessToken = token;
}
export function hasAccessToken(): boolean {
  return accessToken !== null;
}
export function setApiLanguage(lang: string): void {
  language = lang;
}
/** Called when a request made with a token answers 401 (expired, revoked, user deactivated). */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  onUnauthorized = handler;
}

const auth: Middleware = {
  onRequest({ request }) {
    if (accessToken && !new URL(request.url).pathname.endsWith('/auth/login')) request.headers.set('authorization', `Bearer ${accessToken}`);
    request.headers.set('accept-language', language);
    return request;
  },
  onResponse({ request, response }) {
    if (response.status === 401 && request.headers.has('authorization')) onUnauthorized?.();
    return response;
  },
};

export const api = createClient<paths>({ baseUrl: '', cache: 'no-store', credentials: 'omit' });
api.use(auth);

/** The data of an openapi-fetch answer, or an ApiError carrying the server's error body. */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await call;
  } catch (err) {
    throw ApiError.network(err);
  }
  if (!result.response.ok) throw ApiError.from(result.response.status, result.error);
  return result.data as T;
}
