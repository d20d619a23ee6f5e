import { ADMIN_EMAIL, ADMIN_PASSWORD, baseUrl, PASSWORD, TEMPORARY_PASSWORD } from './env';

/**
 * Fixtures through the HTTP API of the server under test (fetch: the suite's Playwright runner
 * cannot load the Nest app). Mirrors test/support/api.ts's buildTable: agencies, a table, its
 * members, users with their own passwords, role grants. All names and addresses are invented.
 */
let counter = 0;
export const unique = (prefix: string): string => `${prefix}-${Date.now().toString(36)}-${(counter++).toString(36)}-${Math.random().toString(36).slice(2, 6)}`;

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    what: string,
  ) {
    super(`${what} → ${status} ${JSON.stringify(body)}`);
  }
}

export async function call<T = Record<string, unknown>>(method: string, path: string, token?: string, body?: unknown, expected?: number): Promise<{ status: number; body: T }> {
  const res = await fetch(`${baseUrl()}/api/v1${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const parsed = text ? (JSON.parse(text) as T) : (undefined as T);
  if (expected !== undefined && res.status !== expected) throw new ApiFailure(res.status, parsed, `${method} ${path}`);
  return { status: res.status, body: parsed };
}

export async function login(email: string, password = PASSWORD): Promise<string> {
  const res = await call<{ accessToken: string }>('POST', '/auth/login', undefined, { email, password }, 200);
  return res.body.accessToken;
}

export async function adminToken(): Promise<string> {
  return login(ADMIN_EMAIL, ADMIN_PASSWORD);
}

export type Sector = 'POLICE' | 'HEALTH' | 'HOUSING' | 'EDUCATION' | 'MENTAL_HEALTH_ADDICTIONS';
export type TableRole = 'COORDINATOR' | 'AGENCY_REP' | 'PRIVACY_OFFICER' | 'ANALYST';

export interface BrowserUser {
  id: string;
  email: string;
  password: string;
  displayName: string;
  agencyId: string;
}

/** A user created by the administrator who has already chosen their own password (unless `temporary`). */
export async function createUser(admin: string, agencyId: string, options: { displayName?: string; temporary?: boolean; prefix?: string } = {}): Promise<BrowserUser> {
  const email = `${unique(options.prefix ?? 'user')}@example.test`;
  const displayName = options.displayName ?? 'Test User';
  const res = await call<{ id: string }>('POST', '/users', admin, { email, displayName, password: TEMPORARY_PASSWORD, agencyId }, 201);
  if (options.temporary) return { id: res.body.id, email, password: TEMPORARY_PASSWORD, displayName, agencyId };
  const temp = await login(email, TEMPORARY_PASSWORD);
  await call('POST', '/auth/password', temp, { currentPassword: TEMPORARY_PASSWORD, newPassword: PASSWORD }, 204);
  return { id: res.body.id, email, password: PASSWORD, displayName, agencyId };
}

export async function grant(admin: string, tableId: string, userId: string, role: TableRole): Promise<void> {
  await call('POST', `/tables/${tableId}/roles`, admin, { userId, role }, 201);
}

export interface BrowserTable {
  tableId: string;
  code: string;
  agencies: Record<'police' | 'health' | 'housing' | 'school' | 'outsider', { id: string; name: string; sector: Sector }>;
  coordinator: BrowserUser;
  reps: Record<'police' | 'health' | 'housing' | 'school', BrowserUser>;
  privacy: BrowserUser;
  /** a representative of an agency that is a member of the table but takes no part in the situations a test makes */
  stranger: BrowserUser;
}

const SECTORS = { police: 'POLICE', health: 'HEALTH', housing: 'HOUSING', school: 'EDUCATION', outsider: 'MENTAL_HEALTH_ADDICTIONS' } as const;
const NAMES = {
  police: 'Invented Police Service',
  health: 'Invented Health Centre',
  housing: 'Invented Housing Office',
  school: 'Invented School Board',
  outsider: 'Invented Counselling Agency',
} as const;

/**
 * A table with five member agencies (police, health, housing, school, outsider), a coordinator
 * (health), one representative per agency (display names "Rep police" …), a privacy officer
 * (housing) and an uninvolved agency's representative (outsider).
 */
export async function buildTable(options: { thresholdPolicy?: object; code?: string } = {}): Promise<BrowserTable> {
  const admin = await adminToken();
  const agencies = {} as BrowserTable['agencies'];
  for (const [key, sector] of Object.entries(SECTORS)) {
    const name = `${NAMES[key as keyof typeof NAMES]} ${Math.random().toString(36).slice(2, 8)}`; // random: a time prefix repeats for ~46 s and agency names are unique
    const res = await call<{ id: string }>('POST', '/agencies', admin, { name, sector }, 201);
    agencies[key as keyof typeof SECTORS] = { id: res.body.id, name, sector };
  }
  const table = await call<{ id: string; code: string }>(
    'POST',
    '/tables',
    admin,
    { name: unique('Table'), code: options.code ?? 'WEB', ...(options.thresholdPolicy ? { thresholdPolicy: options.thresholdPolicy } : {}) },
    201,
  );
  const tableId = table.body.id;
  for (const key of Object.keys(SECTORS)) await call('POST', `/tables/${tableId}/agencies`, admin, { agencyId: agencies[key as keyof typeof SECTORS].id }, 201);
  const member = async (agency: keyof typeof SECTORS, role: TableRole, displayName: string): Promise<BrowserUser> => {
    const user = await createUser(admin, agencies[agency].id, { displayName, prefix: agency });
    await grant(admin, tableId, user.id, role);
    return user;
  };
  return {
    tableId,
    code: table.body.code,
    agencies,
    coordinator: await member('health', 'COORDINATOR', 'Coordinator'),
    reps: {
      police: await member('police', 'AGENCY_REP', 'Rep police'),
      health: await member('health', 'AGENCY_REP', 'Rep health'),
      housing: await member('housing', 'AGENCY_REP', 'Rep housing'),
      school: await member('school', 'AGENCY_REP', 'Rep school'),
    },
    privacy: await member('housing', 'PRIVACY_OFFICER', 'Privacy officer'),
    stranger: await member('outsider', 'AGENCY_REP', 'Rep outsider'),
  };
}
