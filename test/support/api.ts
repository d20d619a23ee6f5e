import request from 'supertest';
import { DataSource } from 'typeorm';
import { PasswordHasher } from '../../src/modules/auth/password-hasher';
import { validateResponses } from './openapi-validator';
import { TestApp } from './test-app';

export const PASSWORD = 'a-long-invented-passphrase-42';
/** What an administrator sets (at creation or a reset): temporary until the user chooses their own. */
export const TEMPORARY_PASSWORD = 'an-invented-temporary-passphrase-17';
let counter = 0;
export const unique = (prefix: string): string => `${prefix}-${Date.now().toString(36)}-${(counter++).toString(36)}-${Math.random().toString(36).slice(2, 6)}`;

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** Thin supertest wrapper: `api.as(token).post(path, body)`. */
export class Api {
  constructor(readonly t: TestApp) {}

  call(method: Method, path: string, token?: string, body?: unknown, headers: Record<string, string> = {}): request.Test {
    const url = path.startsWith('/health') || path.startsWith('/docs') || path.startsWith('/metrics') ? path : `/api/v1${path}`;
    // /docs-json describes the API, it is not part of it
    let r = url.startsWith('/docs') ? request(this.t.server)[method](url) : validateResponses(this.t.openapi, request(this.t.server)[method](url));
    if (token) r = r.set('authorization', `Bearer ${token}`);
    for (const [k, v] of Object.entries(headers)) r = r.set(k, v);
    return body === undefined ? r : r.send(body as object);
  }

  as(token?: string) {
    return {
      get: (p: string, h?: Record<string, string>) => this.call('get', p, token, undefined, h),
      post: (p: string, b?: unknown, h?: Record<string, string>) => this.call('post', p, token, b ?? {}, h),
      put: (p: string, b?: unknown, h?: Record<string, string>) => this.call('put', p, token, b ?? {}, h),
      patch: (p: string, b?: unknown, h?: Record<string, string>) => this.call('patch', p, token, b ?? {}, h),
      delete: (p: string, h?: Record<string, string>) => this.call('delete', p, token, undefined, h),
    };
  }

  async login(email: string, password = PASSWORD): Promise<string> {
    const res = await this.call('post', '/auth/login', undefined, { email, password });
    if (res.status !== 200) throw new Error(`login failed for test user: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.accessToken as string;
  }

  /**
   * A user created by an administrator (POST /users, with a temporary password) who then signs in
   * and chooses `password` (POST /auth/password), as a real user does before anything else works.
   */
  async createUser(
    adminToken: string,
    body: { email: string; displayName: string; agencyId: string; isAdmin?: boolean },
    password = PASSWORD,
  ): Promise<{ id: string; email: string; token: string; body: Record<string, unknown> }> {
    const res = await this.call('post', '/users', adminToken, { ...body, password: TEMPORARY_PASSWORD });
    if (res.status !== 201) throw new Error(`user creation failed: ${res.status} ${JSON.stringify(res.body)}`);
    const token = await this.choosePassword(body.email, TEMPORARY_PASSWORD, password);
    return { id: res.body.id as string, email: body.email, token, body: res.body as Record<string, unknown> };
  }

  /** Signs in with the temporary password and chooses `chosen`; the session goes on (returns its token). */
  async choosePassword(email: string, temporary: string, chosen: string): Promise<string> {
    const login = await this.call('post', '/auth/login', undefined, { email, password: temporary });
    if (login.status !== 200 || login.body.passwordChangeRequired !== true) throw new Error(`temporary sign-in failed: ${login.status} ${JSON.stringify(login.body)}`);
    const res = await this.call('post', '/auth/password', login.body.accessToken as string, { currentPassword: temporary, newPassword: chosen });
    if (res.status !== 204) throw new Error(`password change failed: ${res.status} ${JSON.stringify(res.body)}`);
    return login.body.accessToken as string;
  }

  /** An ADMIN inserted directly (as the bootstrap would), signed in. */
  async admin(): Promise<{ id: string; email: string; token: string }> {
    const email = `${unique('admin')}@example.test`;
    const hash = await this.t.app.get(PasswordHasher).hash(PASSWORD);
    const rows: { id: string }[] = await this.t.app
      .get(DataSource)
      .query(`INSERT INTO users (email, display_name, password_hash, is_admin) VALUES ($1, 'Test Admin', $2, true) RETURNING id`, [email, hash]);
    return { id: rows[0].id, email, token: await this.login(email) };
  }
}

export interface Member {
  id: string;
  email: string;
  token: string;
  agencyId: string;
}

export interface TableFixture {
  tableId: string;
  code: string;
  admin: { id: string; token: string };
  agencies: Record<'police' | 'health' | 'housing' | 'school' | 'outsider', { id: string; sector: string }>;
  coordinator: Member;
  reps: Record<'police' | 'health' | 'housing' | 'school', Member>;
  privacy: Member;
  analyst: Member;
  /** rep of an agency that is not a member of this table (member of another table) */
  stranger: Member;
}

const SECTORS = { police: 'POLICE', health: 'HEALTH', housing: 'HOUSING', school: 'EDUCATION', outsider: 'MENTAL_HEALTH_ADDICTIONS' } as const;

/**
 * A table with four member agencies (police, health, housing, school), a coordinator (health),
 * one rep per agency, a privacy officer (housing), an analyst (school), and a stranger from an
 * agency seated only at another table.
 */
export async function buildTable(api: Api, options: { thresholdPolicy?: object; identityRetentionDays?: number; timeZone?: string; code?: string } = {}): Promise<TableFixture> {
  const admin = await api.admin();
  const a = api.as(admin.token);
  const agencies = {} as TableFixture['agencies'];
  for (const [key, sector] of Object.entries(SECTORS)) {
    const res = await a.post('/agencies', { name: unique(`Agency ${key}`), sector }).expect(201);
    agencies[key as keyof typeof SECTORS] = { id: res.body.id, sector };
  }
  const table = await a.post('/tables', { name: unique('Table'), code: 'TST', ...options }).expect(201);
  const other = await a.post('/tables', { name: unique('Other table'), code: 'OTH' }).expect(201);
  for (const key of ['police', 'health', 'housing', 'school'] as const) {
    await a.post(`/tables/${table.body.id}/agencies`, { agencyId: agencies[key].id }).expect(201);
  }
  await a.post(`/tables/${other.body.id}/agencies`, { agencyId: agencies.outsider.id }).expect(201);

  const member = async (agency: keyof typeof SECTORS, roles: string[], tableId: string = table.body.id): Promise<Member> => {
    const email = `${unique(agency)}@example.test`;
    const user = await api.createUser(admin.token, { email, displayName: 'Test User', agencyId: agencies[agency].id });
    for (const role of roles) await a.post(`/tables/${tableId}/roles`, { userId: user.id, role }).expect(201);
    return { id: user.id, email, agencyId: agencies[agency].id, token: await api.login(email) };
  };
  return {
    tableId: table.body.id,
    code: table.body.code,
    admin,
    agencies,
    coordinator: await member('health', ['COORDINATOR']),
    reps: {
      police: await member('police', ['AGENCY_REP']),
      health: await member('health', ['AGENCY_REP']),
      housing: await member('housing', ['AGENCY_REP']),
      school: await member('school', ['AGENCY_REP']),
    },
    privacy: await member('housing', ['PRIVACY_OFFICER']),
    analyst: await member('school', ['ANALYST']),
    stranger: await member('outsider', ['AGENCY_REP', 'COORDINATOR'], other.body.id),
  };
}
