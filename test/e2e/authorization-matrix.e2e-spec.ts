import { createHmac, randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { IdentityVaultService } from '../../src/modules/identity-vault/identity-vault.service';
import { Api, buildTable, Member, PASSWORD, TableFixture, TEMPORARY_PASSWORD, unique } from '../support/api';
import { routeKeys } from '../support/routes';
import { IDENTITY, MEETS, submit } from '../support/situations';
import { checkedRequest, createTestApp, TestApp } from '../support/test-app';
import { EQUITY_REFERENCE } from '../../src/modules/identity-vault/equity-reference';
import { BENCHMARK_SOURCE } from '../support/benchmarks';

/** The equity notice in force: what a client that just read the form sends back. */
const NOTICE_VERSION = EQUITY_REFERENCE.version;

/**
 * The authorisation matrix: every route × every caller × every standing, each cell one real HTTP
 * request with a valid body, asserting the exact status.
 *
 * The expectations below are written from docs/api.md and docs/domain.md (who may call what, and
 * which standing and state each answer depends on), not read back from the code's decorators. The
 * table must name exactly the routes the running application serves: a new route without matrix
 * rows (or a row for a route that no longer exists) fails the first test.
 *
 * Fixture (test/support/api.ts buildTable, plus three members added here): a table whose member
 * agencies are police, health, housing and school. A situation is always brought by police (the
 * originating agency); from ASSIGNED on, housing leads and health assists; school is never involved.
 * Identity is for agency representatives with standing only (domain.md): a coordinator, privacy
 * officer or analyst is refused whatever their agency, so the matrix has a coordinator of health
 * (assisting) and one of school (uninvolved), a privacy officer of housing (lead) and one of school,
 * an analyst of school and one of police (originating). On every write the order is role and
 * standing (403), then state and version (409), then the content (api.md).
 */

// ---- callers --------------------------------------------------------------------------------------

type Role = 'COORDINATOR' | 'AGENCY_REP' | 'PRIVACY_OFFICER' | 'ANALYST';
type AgencyKey = 'police' | 'health' | 'housing' | 'school';

interface CallerDef {
  kind: 'admin' | 'member' | 'stranger' | 'anonymous' | 'temporary';
  role?: Role;
  agency?: AgencyKey;
}

const CALLERS = {
  admin: { kind: 'admin' },
  coordinator: { kind: 'member', role: 'COORDINATOR', agency: 'health' },
  'coordinator-uninvolved': { kind: 'member', role: 'COORDINATOR', agency: 'school' },
  'rep-originating': { kind: 'member', role: 'AGENCY_REP', agency: 'police' },
  'rep-lead': { kind: 'member', role: 'AGENCY_REP', agency: 'housing' },
  'rep-assisting': { kind: 'member', role: 'AGENCY_REP', agency: 'health' },
  'rep-uninvolved': { kind: 'member', role: 'AGENCY_REP', agency: 'school' },
  privacy: { kind: 'member', role: 'PRIVACY_OFFICER', agency: 'housing' },
  'privacy-uninvolved': { kind: 'member', role: 'PRIVACY_OFFICER', agency: 'school' },
  analyst: { kind: 'member', role: 'ANALYST', agency: 'school' },
  'analyst-originating': { kind: 'member', role: 'ANALYST', agency: 'police' },
  /** holds AGENCY_REP and COORDINATOR at another table only */
  stranger: { kind: 'stranger' },
  /**
   * a COORDINATOR of health at the matrix's table still on the temporary password an administrator
   * set (api.md "Auth"): only /auth/password, /auth/me and /auth/logout, 403 everywhere else
   */
  'temporary-password': { kind: 'temporary', role: 'COORDINATOR', agency: 'health' },
  'no-token': { kind: 'anonymous' },
  /** signed with the app's secret, issuer and audience, for a real user, but expired */
  'expired-token': { kind: 'anonymous' },
  /** well-formed and unexpired, signed with another secret */
  'forged-token': { kind: 'anonymous' },
  /** a real token after POST /auth/logout */
  'revoked-token': { kind: 'anonymous' },
} as const satisfies Record<string, CallerDef>;

type Caller = keyof typeof CALLERS;
const CALLER_NAMES = Object.keys(CALLERS) as Caller[];
const def = (c: Caller): CallerDef => CALLERS[c];

// ---- standings -------------------------------------------------------------------------------------

/** Equity answers the walk records (issue 19), and the matrix's PUT sends. */
const EQUITY = { asked: 'ASKED', answeredBy: 'SELF', noticeVersion: NOTICE_VERSION, noticeGiven: true, answers: { RELIGION: ['NO_RELIGION'] } };
const SITUATION_STATES = ['SUBMITTED', 'DEFERRED', 'ACCEPTED', 'REJECTED', 'WITHDRAWN', 'ASSIGNED', 'MOBILIZED', 'CLOSED', 'PURGED', 'MISSING'] as const;
type SituationState = (typeof SITUATION_STATES)[number];
/** The states a situation is walked to (MISSING names no situation). PURGED: CLOSED, identity crypto-shredded. */
type WalkState = Exclude<SituationState, 'MISSING'>;
const MEETING_STATES = ['OPEN', 'CLOSED', 'MISSING'] as const;
type MeetingState = (typeof MEETING_STATES)[number];

const OPEN_STATES: readonly SituationState[] = ['ACCEPTED', 'ASSIGNED', 'MOBILIZED'];
/** Awaiting the decision: the originating agency may edit or withdraw, the table decide. */
const AWAITING_STATES: readonly SituationState[] = ['SUBMITTED', 'DEFERRED'];
const ASSIGNED_OR_LATER: readonly SituationState[] = ['ASSIGNED', 'MOBILIZED', 'CLOSED', 'PURGED'];

/** The standing of the caller's agency on the matrix's situation in `state`. */
function involvement(c: Caller, state: SituationState): { originating: boolean; lead: boolean; assisting: boolean } {
  const agency = def(c).agency;
  const assigned = ASSIGNED_OR_LATER.includes(state);
  return { originating: agency === 'police', lead: assigned && agency === 'housing', assisting: assigned && agency === 'health' };
}

// ---- gates (api.md "Conventions") --------------------------------------------------------------------

const ALL_ROLES: readonly Role[] = ['COORDINATOR', 'AGENCY_REP', 'PRIVACY_OFFICER', 'ANALYST'];

/** Table-scoped: no/invalid token 401; not a member of the resource's table (or no such resource) 404; wrong role 403. */
function tableGate(c: Caller, roles: readonly Role[], exists: boolean): number | null {
  const d = def(c);
  if (d.kind === 'anonymous') return 401;
  if (d.kind === 'temporary') return 403;
  if (d.kind !== 'member' || !exists) return 404;
  return roles.includes(d.role!) ? null : 403;
}

function adminGate(c: Caller): number | null {
  const d = def(c);
  if (d.kind === 'anonymous') return 401;
  return d.kind === 'admin' ? null : 403;
}

/** Any signed-in user who has chosen their own password (a temporary one gets 403 PASSWORD_CHANGE_REQUIRED). */
function authenticatedGate(c: Caller): number | null {
  const d = def(c);
  if (d.kind === 'anonymous') return 401;
  return d.kind === 'temporary' ? 403 : null;
}

/** /auth/password, /auth/me, /auth/logout: any signed-in user, a temporary password included. */
function temporaryOkGate(c: Caller): number | null {
  return def(c).kind === 'anonymous' ? 401 : null;
}

/** The password the caller signs in with. */
const passwordOf = (c: Caller): string => (def(c).kind === 'temporary' ? TEMPORARY_PASSWORD : PASSWORD);

// ---- requests ----------------------------------------------------------------------------------------

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

interface Req {
  method: Method;
  /** path under /api/v1 (or /health/...) with query string */
  path: string;
  body?: unknown;
  /** a token of the cell's own instead of the caller's (a fresh session the cell may use up) */
  token?: string;
}

interface Ctx {
  api: Api;
  t: TestApp;
  f: TableFixture;
  /** The owner's connections: cells run concurrently, so a pool, not one client. */
  owner: Pool;
  tokens: Record<Caller, string | undefined>;
  users: Record<Caller, { id: string; email: string } | undefined>;
  situations: Record<WalkState, string>;
  meetings: { OPEN: string; CLOSED: string };
  /** an admin-managed table for the administration routes' successful changes */
  scratch: { tableId: string; grantUserId: string; userId: string; otherNotificationId: string; lockedEmail: string };
  walk(state: WalkState): Promise<string>;
}

interface RouteSpec {
  /** the standings this route is checked in */
  standings: readonly string[];
  /** expected HTTP status */
  expect(c: Caller, standing: string): number;
  /** the request of one cell; `fresh` when the cell is expected to change something: build its own resources */
  request(x: Ctx, c: Caller, standing: string, fresh: boolean): Promise<Req> | Req;
  /** a 2xx of this route changes state, so successful cells get resources of their own */
  mutating: boolean;
}

const SOURCE = BENCHMARK_SOURCE;
const BENCHMARK = { shares: { WHITE: 0.6, BLACK: 0.2, SOUTH_ASIAN: 0.2 }, ...SOURCE };
const BENCHMARK_INDIGENOUS = { shares: { NO: 0.97, FIRST_NATIONS: 0.03 }, ...SOURCE };
const MISSING_ID = '7d0c5c1e-2b7a-4c53-9f0e-5a4bb1f0c001';

// ---- the expectation table -----------------------------------------------------------------------------

/** A route on `/situations/:id...`, checked against each situation state (and an id that names nothing). */
function situationRoute(o: {
  method: Method;
  path: (id: string, x: Ctx) => string;
  roles: readonly Role[];
  body?: (x: Ctx) => unknown;
  mutating: boolean;
  /** the answer once the caller passes the gate */
  outcome: (c: Caller, state: SituationState) => number;
}): RouteSpec {
  return {
    standings: SITUATION_STATES,
    mutating: o.mutating,
    expect: (c, s) => tableGate(c, o.roles, s !== 'MISSING') ?? o.outcome(c, s as SituationState),
    request: async (x, _c, s, fresh) => {
      const id = s === 'MISSING' ? MISSING_ID : fresh ? await x.walk(s as WalkState) : x.situations[s as WalkState];
      return { method: o.method, path: o.path(id, x), body: o.body?.(x) };
    },
  };
}

function meetingRoute(o: {
  method: Method;
  path: (id: string) => string;
  roles: readonly Role[];
  body?: (x: Ctx) => unknown;
  mutating: boolean;
  outcome: (c: Caller, state: MeetingState) => number;
  /** a closed meeting of the cell's own, for a route that succeeds on one (default: only open meetings are made fresh) */
  freshClosed?: (x: Ctx) => Promise<string>;
}): RouteSpec {
  return {
    standings: MEETING_STATES,
    mutating: o.mutating,
    expect: (c, s) => tableGate(c, o.roles, s !== 'MISSING') ?? o.outcome(c, s as MeetingState),
    request: async (x, _c, s, fresh) => {
      let id = s === 'MISSING' ? MISSING_ID : x.meetings[s as 'OPEN' | 'CLOSED'];
      if (fresh && s === 'OPEN') id = await newMeeting(x);
      if (fresh && s === 'CLOSED' && o.freshClosed) id = await o.freshClosed(x);
      return { method: o.method, path: o.path(id), body: o.body?.(x) };
    },
  };
}

/**
 * A route on one agenda item (issue 16): the coordinator only, while the meeting is open. A cell
 * expected to succeed gets a fresh meeting with the item on it (the closed situation, added by the
 * coordinator) and a later meeting to defer it to.
 */
function agendaItemRoute(method: Method, action: string | null): RouteSpec {
  return {
    standings: MEETING_STATES,
    mutating: true,
    expect: (c, s) => tableGate(c, ['COORDINATOR'], s !== 'MISSING') ?? (s === 'OPEN' ? 200 : 409),
    request: async (x, _c, s, fresh) => {
      let id = s === 'MISSING' ? MISSING_ID : x.meetings[s as 'OPEN' | 'CLOSED'];
      const item = x.situations.CLOSED;
      if (fresh && s === 'OPEN') {
        // A minute of 2030 of its own, and its next meeting a minute later: a deferral goes to the table's next
        // open meeting by date, which must not be another cell's fresh meeting created at the same time.
        const at = Date.UTC(2030, 0, 1) + Math.floor(Math.random() * 500_000) * 60_000;
        id = await meetingAt(x, at);
        await x.api.as(x.f.coordinator.token).post(`/meetings/${id}/agenda/items`, { situationId: item }).expect(201);
        if (action === 'defer') await meetingAt(x, at + 60_000);
      }
      return { method, path: `/meetings/${id}/agenda/items/${item}${action ? `/${action}` : ''}` };
    },
  };
}

/** A route on `/tables/:tableId/...`: the matrix's table, or an id that names no table. */
function tableRoute(o: { method: Method; path: (tableId: string) => string; roles: readonly Role[]; body?: (x: Ctx) => unknown; mutating: boolean; ok: number }): RouteSpec {
  return {
    standings: ['TABLE', 'MISSING'],
    mutating: o.mutating,
    expect: (c, s) => tableGate(c, o.roles, s === 'TABLE') ?? o.ok,
    request: (x, _c, s) => ({ method: o.method, path: o.path(s === 'TABLE' ? x.f.tableId : MISSING_ID), body: o.body?.(x) }),
  };
}

/**
 * A route on one anomaly case or breach record of the table (issue 17), PRIVACY_OFFICER only: the
 * table's (TABLE) or a missing table's (MISSING); a successful mutating cell gets a record of its own.
 */
function oversightRoute(o: { method: Method; kind: 'case' | 'breach'; suffix: string; body?: (x: Ctx) => unknown; mutating: boolean; ok: number }): RouteSpec {
  return {
    standings: ['TABLE', 'MISSING'],
    mutating: o.mutating,
    expect: (c, s) => tableGate(c, ['PRIVACY_OFFICER'], s === 'TABLE') ?? o.ok,
    request: async (x, _c, s, fresh) => {
      const tableId = s === 'TABLE' ? x.f.tableId : MISSING_ID;
      const id = s !== 'TABLE' ? MISSING_ID : fresh ? await newOversightRecord(x, o.kind) : await (sharedRecords[o.kind] ??= newOversightRecord(x, o.kind));
      const base = o.kind === 'case' ? 'anomaly-cases' : 'breaches';
      return { method: o.method, path: `/tables/${tableId}/${base}/${id}${o.suffix}`, body: o.body?.(x) };
    },
  };
}

const sharedRecords: Partial<Record<'case' | 'breach', Promise<string>>> = {};
let refusedRead: Promise<void> | undefined;
let windowCounter = 0;

/** An anomaly case or a breach record of the table, straight into the database (the routes' own tests make them through the API). */
async function newOversightRecord(x: Ctx, kind: 'case' | 'breach'): Promise<string> {
  const now = new Date();
  if (kind === 'breach') {
    const res = await x.owner.query(
      `INSERT INTO privacy_breaches (table_id, kind, description, discovered_at, recorded_at, updated_at) VALUES ($1, 'LOSS', 'A notebook was lost.', $2, $2, $2) RETURNING id`,
      [x.f.tableId, new Date(now.getTime() - 3_600_000)],
    );
    return res.rows[0].id;
  }
  const from = new Date(now.getTime() - 86_400_000 - ++windowCounter * 1000);
  const res = await x.owner.query(
    `INSERT INTO anomaly_cases (table_id, kind, actor_id, window_from, window_to, flag_count, opened_at, updated_at) VALUES ($1, 'IDENTITY_REFUSED', NULL, $2, $3, 1, $3, $3) RETURNING id`,
    [x.f.tableId, from, now],
  );
  return res.rows[0].id;
}

/** A flag to open a case on: the uninvolved representative's refused identity read, over a window no other cell used. */
async function freshFlag(x: Ctx): Promise<{ kind: string; actorId: string; from: string; to: string }> {
  await (refusedRead ??= (async () => {
    await x.api.as(x.tokens['rep-uninvolved']).get(`/situations/${x.situations.ASSIGNED}/identity?purposeCode=OTHER&purpose=matrix+probe`).expect(403);
  })());
  const to = new Date();
  return {
    kind: 'IDENTITY_REFUSED',
    actorId: x.users['rep-uninvolved']!.id,
    from: new Date(to.getTime() - 86_400_000 - ++windowCounter * 1000).toISOString(),
    to: to.toISOString(),
  };
}

/**
 * A disclosure's notice or consent (issue 17): the route names a disclosure of the situation (the
 * latest, the police's identity write from ASSIGNED on). No disclosure on the situation: 404 at the
 * route's guard; then only the disclosing agency's representatives (police): others 403.
 */
function disclosureRoute(action: 'notice' | 'consent', body: () => unknown): RouteSpec {
  return {
    standings: SITUATION_STATES,
    mutating: true,
    expect: (c, s) =>
      tableGate(c, ['AGENCY_REP'], s !== 'MISSING') ?? (!ASSIGNED_OR_LATER.includes(s as SituationState) ? 404 : involvement(c, s as SituationState).originating ? 200 : 403),
    request: async (x, _c, s, fresh) => {
      const id = s === 'MISSING' ? MISSING_ID : fresh ? await x.walk(s as WalkState) : x.situations[s as WalkState];
      const rows = await x.owner.query('SELECT id FROM identity_disclosures WHERE situation_id = $1 ORDER BY disclosed_at DESC LIMIT 1', [id]);
      return { method: 'post', path: `/situations/${id}/disclosures/${rows.rows[0]?.id ?? MISSING_ID}/${action}`, body: body() };
    },
  };
}

/** A global route: one standing. */
function plainRoute(o: {
  method: Method;
  path: string;
  gate: (c: Caller) => number | null;
  body?: (x: Ctx, c: Caller, fresh: boolean) => unknown;
  mutating: boolean;
  ok: number;
}): RouteSpec {
  return {
    standings: ['-'],
    mutating: o.mutating,
    expect: (c) => o.gate(c) ?? o.ok,
    request: async (x, c, _s, fresh) => ({ method: o.method, path: o.path, body: await o.body?.(x, c, fresh) }),
  };
}

const originatingOrLead = (c: Caller, s: SituationState) => {
  const i = involvement(c, s);
  return i.originating || i.lead;
};
const anyStanding = (c: Caller, s: SituationState) => {
  const i = involvement(c, s);
  return i.originating || i.lead || i.assisting;
};
const leadOrAssisting = (c: Caller, s: SituationState) => {
  const i = involvement(c, s);
  return i.lead || i.assisting;
};
const isCoordinator = (c: Caller) => def(c).role === 'COORDINATOR';
/** An agency's work (issue 16): standing (403), then ASSIGNED or MOBILIZED (409), then the caller's own agency must be intervening (400). */
const workOutcome = (c: Caller, s: SituationState, ok: number) =>
  !(isCoordinator(c) || leadOrAssisting(c, s)) ? 403 : s !== 'ASSIGNED' && s !== 'MOBILIZED' ? 409 : leadOrAssisting(c, s) ? ok : 400;

const CASE_ROLES: readonly Role[] = ['COORDINATOR', 'AGENCY_REP', 'PRIVACY_OFFICER'];
const REPORT_ROLES: readonly Role[] = ['COORDINATOR', 'PRIVACY_OFFICER', 'ANALYST'];
/** The row-level RTD export: analysts get aggregates only (domain.md). */
const ROW_EXPORT_ROLES: readonly Role[] = ['COORDINATOR', 'PRIVACY_OFFICER'];

const MATRIX: Record<string, RouteSpec> = {
  // ---- public ----
  'GET /health/live': plainRoute({ method: 'get', path: '/health/live', gate: () => null, mutating: false, ok: 200 }),
  'GET /health/ready': plainRoute({ method: 'get', path: '/health/ready', gate: () => null, mutating: false, ok: 200 }),
  'GET /health/db': plainRoute({ method: 'get', path: '/health/db', gate: () => null, mutating: false, ok: 200 }),
  /** Off without METRICS_TOKEN (this suite sets none): no user token opens it (observability.e2e-spec.ts has the token). */
  'GET /metrics': plainRoute({ method: 'get', path: '/metrics', gate: () => null, mutating: false, ok: 404 }),
  /** Public: the caller's token (valid, expired, forged or none) plays no part; the credentials do. */
  'POST /api/v1/auth/login': {
    standings: ['VALID', 'WRONG_PASSWORD', 'UNKNOWN_EMAIL', 'LOCKED'],
    mutating: false,
    expect: (_c, s) => ({ VALID: 200, WRONG_PASSWORD: 401, UNKNOWN_EMAIL: 401, LOCKED: 429 })[s as 'VALID']!,
    request: async (x, c, s) => {
      const own = x.users[c] ?? x.users.coordinator!;
      switch (s) {
        case 'VALID':
          return { method: 'post', path: '/auth/login', body: { email: own.email, password: passwordOf(c) } };
        case 'WRONG_PASSWORD': // a user of its own: five failures lock an account
          return { method: 'post', path: '/auth/login', body: { email: (await newUser(x, 'police')).email, password: 'not-the-right-passphrase-1' } };
        case 'UNKNOWN_EMAIL':
          return { method: 'post', path: '/auth/login', body: { email: `${unique('nobody')}@example.test`, password: PASSWORD } };
        default:
          return { method: 'post', path: '/auth/login', body: { email: x.scratch.lockedEmail, password: PASSWORD } };
      }
    },
  },

  // ---- any signed-in user ----
  'GET /api/v1/auth/me': plainRoute({ method: 'get', path: '/auth/me', gate: temporaryOkGate, mutating: false, ok: 200 }),
  /** One's own identity reads: anyone signed in (an administrator gets an empty list); a temporary password 403. */
  'GET /api/v1/auth/me/identity-reads': plainRoute({ method: 'get', path: '/auth/me/identity-reads', gate: authenticatedGate, mutating: false, ok: 200 }),
  /** The confidentiality agreements the caller must accept (issue 17): anyone signed in; a temporary password 403. */
  'GET /api/v1/auth/me/undertakings': plainRoute({ method: 'get', path: '/auth/me/undertakings', gate: authenticatedGate, mutating: false, ok: 200 }),
  'POST /api/v1/auth/logout': {
    standings: ['-'],
    mutating: true,
    expect: (c) => temporaryOkGate(c) ?? 204,
    // A successful cell logs out a session of its own (see `run`: fresh tokens for 2xx logout cells).
    request: () => ({ method: 'post', path: '/auth/logout' }),
  },
  /**
   * The signed-in user chooses a password: 204, or 400 for a weak one (checked before the current
   * password). A successful cell uses a new user of its own, signed in on its temporary password.
   */
  'POST /api/v1/auth/password': {
    standings: ['CHOSEN', 'WEAK'],
    mutating: true,
    expect: (c, s) => temporaryOkGate(c) ?? (s === 'CHOSEN' ? 204 : 400),
    request: async (x, c, s, fresh) => {
      if (s === 'WEAK') return { method: 'post', path: '/auth/password', body: { currentPassword: passwordOf(c), newPassword: 'password1234' } };
      if (!fresh) return { method: 'post', path: '/auth/password', body: { currentPassword: TEMPORARY_PASSWORD, newPassword: PASSWORD } };
      const user = await newUser(x, 'police'); // created with PASSWORD as its temporary password
      const login = await x.api.call('post', '/auth/login', undefined, { email: user.email, password: PASSWORD }).expect(200);
      return { method: 'post', path: '/auth/password', body: { currentPassword: PASSWORD, newPassword: `${PASSWORD}-chosen` }, token: login.body.accessToken as string };
    },
  },
  'GET /api/v1/taxonomy': plainRoute({ method: 'get', path: '/taxonomy', gate: authenticatedGate, mutating: false, ok: 200 }),
  'GET /api/v1/tables': plainRoute({ method: 'get', path: '/tables', gate: authenticatedGate, mutating: false, ok: 200 }),
  'GET /api/v1/notifications': plainRoute({ method: 'get', path: '/notifications', gate: authenticatedGate, mutating: false, ok: 200 }),
  'GET /api/v1/notifications/preferences': plainRoute({ method: 'get', path: '/notifications/preferences', gate: authenticatedGate, mutating: false, ok: 200 }),
  'PUT /api/v1/notifications/preferences': plainRoute({
    method: 'put',
    path: '/notifications/preferences',
    gate: authenticatedGate,
    body: () => ({ emailKinds: ['SITUATION_ASSIGNED', 'MOBILIZATION_OVERDUE', 'DEFERRAL_OVERDUE'] }),
    mutating: true,
    ok: 200,
  }),
  'POST /api/v1/notifications/:id/read': {
    standings: ['OWN', 'OTHER_USERS', 'MISSING'],
    mutating: true,
    expect: (c, s) => authenticatedGate(c) ?? (s === 'OWN' ? 204 : 404),
    request: async (x, c, s) => {
      let id = MISSING_ID;
      if (s === 'OTHER_USERS') id = x.scratch.otherNotificationId;
      if (s === 'OWN') id = await newNotification(x, (x.users[c] ?? x.users.coordinator!).id);
      return { method: 'post', path: `/notifications/${id}/read` };
    },
  },
  'GET /api/v1/agencies/:id': {
    standings: ['AGENCY', 'MISSING'],
    mutating: false,
    expect: (c, s) => authenticatedGate(c) ?? (s === 'AGENCY' ? 200 : 404),
    request: (x, _c, s) => ({ method: 'get', path: `/agencies/${s === 'AGENCY' ? x.f.agencies.police.id : MISSING_ID}` }),
  },

  // ---- administration (ADMIN) ----
  'POST /api/v1/agencies': plainRoute({
    method: 'post',
    path: '/agencies',
    gate: adminGate,
    mutating: true,
    ok: 201,
    body: () => ({ name: unique('Matrix agency'), sector: 'HOUSING' }),
  }),
  'GET /api/v1/agencies': plainRoute({ method: 'get', path: '/agencies', gate: adminGate, mutating: false, ok: 200 }),
  'POST /api/v1/tables': plainRoute({
    method: 'post',
    path: '/tables',
    gate: adminGate,
    mutating: true,
    ok: 201,
    body: () => ({ name: unique('Matrix table'), code: 'MTX' }),
  }),
  'PATCH /api/v1/tables/:tableId': {
    standings: ['TABLE', 'MISSING'],
    mutating: true,
    expect: (c, s) => adminGate(c) ?? (s === 'TABLE' ? 200 : 404),
    request: (x, _c, s) => ({ method: 'patch', path: `/tables/${s === 'TABLE' ? x.scratch.tableId : MISSING_ID}`, body: { region: 'Matrix region' } }),
  },
  'POST /api/v1/tables/:tableId/agencies': {
    standings: ['TABLE', 'MISSING'],
    mutating: true,
    expect: (c, s) => adminGate(c) ?? (s === 'TABLE' ? 201 : 404),
    request: async (x, _c, s, fresh) => {
      const agencyId = fresh ? await newAgency(x) : x.f.agencies.outsider.id;
      return { method: 'post', path: `/tables/${s === 'TABLE' ? x.scratch.tableId : MISSING_ID}/agencies`, body: { agencyId } };
    },
  },
  'POST /api/v1/users': plainRoute({
    method: 'post',
    path: '/users',
    gate: adminGate,
    mutating: true,
    ok: 201,
    body: (x) => ({ email: `${unique('matrix')}@example.test`, displayName: 'Matrix User', password: PASSWORD, agencyId: x.f.agencies.police.id }),
  }),
  'GET /api/v1/users': plainRoute({ method: 'get', path: '/users', gate: adminGate, mutating: false, ok: 200 }),
  'GET /api/v1/users/:id': {
    standings: ['USER', 'MISSING'],
    mutating: false,
    expect: (c, s) => adminGate(c) ?? (s === 'USER' ? 200 : 404),
    request: (x, _c, s) => ({ method: 'get', path: `/users/${s === 'USER' ? x.scratch.userId : MISSING_ID}` }),
  },
  /** `{ active: false }`: on another user 200; on oneself 409 (an admin cannot deactivate itself); on nobody 404. */
  'PATCH /api/v1/users/:id': {
    standings: ['USER', 'SELF', 'MISSING'],
    mutating: true,
    expect: (c, s) => adminGate(c) ?? { USER: 200, SELF: 409, MISSING: 404 }[s as 'USER']!,
    request: async (x, c, s, fresh) => {
      let id = MISSING_ID;
      if (s === 'USER') id = fresh ? (await newUser(x, 'police')).id : x.scratch.userId;
      if (s === 'SELF') id = (x.users[c] ?? x.users.admin!).id;
      return { method: 'patch', path: `/users/${id}`, body: { active: false } };
    },
  },
  /** A table's member agencies and role grants: the administrator (who holds no table role) reads them; at no table 404. */
  'GET /api/v1/tables/:tableId/members': {
    standings: ['TABLE', 'MISSING'],
    mutating: false,
    expect: (c, s) => adminGate(c) ?? (s === 'TABLE' ? 200 : 404),
    request: (x, _c, s) => ({ method: 'get', path: `/tables/${s === 'TABLE' ? x.f.tableId : MISSING_ID}/members` }),
  },
  /** A role for a user whose agency sits at the table: 201; to oneself 403 (api.md); at no table 404. */
  'POST /api/v1/tables/:tableId/roles': {
    standings: ['TABLE', 'SELF', 'MISSING'],
    mutating: true,
    expect: (c, s) => adminGate(c) ?? { TABLE: 201, SELF: 403, MISSING: 404 }[s as 'TABLE']!,
    request: async (x, c, s, fresh) => {
      let userId = fresh ? (await newUser(x, 'police')).id : x.scratch.userId;
      if (s === 'SELF') userId = (x.users[c] ?? x.users.admin!).id;
      return { method: 'post', path: `/tables/${s === 'MISSING' ? MISSING_ID : x.scratch.tableId}/roles`, body: { userId, role: 'AGENCY_REP' } };
    },
  },
  /** Revoking a grant that exists 204; one that does not (or an unknown role, or at no table) 404. */
  'DELETE /api/v1/tables/:tableId/roles/:userId/:role': {
    standings: ['GRANT', 'NO_GRANT', 'UNKNOWN_ROLE', 'MISSING'],
    mutating: true,
    expect: (c, s) => adminGate(c) ?? (s === 'GRANT' ? 204 : 404),
    request: async (x, _c, s, fresh) => {
      const tableId = s === 'MISSING' ? MISSING_ID : x.scratch.tableId;
      let userId = x.scratch.grantUserId;
      let role = 'AGENCY_REP';
      if (s === 'GRANT' && fresh) userId = await newGrant(x);
      if (s === 'NO_GRANT') role = 'ANALYST';
      if (s === 'UNKNOWN_ROLE') role = 'SUPERUSER';
      return { method: 'delete', path: `/tables/${tableId}/roles/${userId}/${role}` };
    },
  },
  'GET /api/v1/reports/province': plainRoute({ method: 'get', path: '/reports/province', gate: adminGate, mutating: false, ok: 200 }),
  'GET /api/v1/reports/province/indicators': plainRoute({ method: 'get', path: '/reports/province/indicators', gate: adminGate, mutating: false, ok: 200 }),
  'GET /api/v1/reports/province/trend': plainRoute({ method: 'get', path: '/reports/province/trend', gate: adminGate, mutating: false, ok: 200 }),
  // regions (issue 19, docs/evaluation.md section 7): administered by ADMIN; a region's reports for its
  // REGIONAL_ANALYSTs (none among the matrix's callers) and administrators, anyone else 404 as a table
  'POST /api/v1/regions': plainRoute({
    method: 'post',
    path: '/regions',
    gate: adminGate,
    mutating: true,
    ok: 201,
    body: () => ({
      code: `MX-${unique('r')
        .replace(/[^a-z0-9]/gi, '')
        .toUpperCase()
        .slice(-20)}`,
      nameEn: 'Matrix region',
      nameFr: 'Région de la matrice',
    }),
  }),
  'GET /api/v1/regions': plainRoute({ method: 'get', path: '/regions', gate: authenticatedGate, mutating: false, ok: 200 }),
  'PUT /api/v1/regions/:regionId/members/:year': {
    standings: ['REGION', 'MISSING'],
    mutating: true,
    expect: (c, s) => adminGate(c) ?? (s === 'MISSING' ? 404 : 200),
    request: async (x, _c, s) => ({
      method: 'put',
      path: `/regions/${s === 'MISSING' ? MISSING_ID : await matrixRegion(x)}/members/${new Date().getUTCFullYear() + 1}`,
      body: { tableIds: [] },
    }),
  },
  'POST /api/v1/regions/:regionId/analysts': {
    standings: ['REGION', 'SELF', 'MISSING'],
    mutating: true,
    expect: (c, s) => adminGate(c) ?? { REGION: 201, SELF: 403, MISSING: 404 }[s as 'REGION']!,
    request: async (x, c, s, fresh) => {
      let userId = fresh ? (await newUser(x, 'outsider')).id : x.scratch.userId;
      if (s === 'SELF') userId = (x.users[c] ?? x.users.admin!).id;
      return { method: 'post', path: `/regions/${s === 'MISSING' ? MISSING_ID : await matrixRegion(x)}/analysts`, body: { userId } };
    },
  },
  'DELETE /api/v1/regions/:regionId/analysts/:userId': {
    standings: ['GRANT', 'NO_GRANT', 'MISSING'],
    mutating: true,
    expect: (c, s) => adminGate(c) ?? (s === 'GRANT' ? 204 : 404),
    request: async (x, _c, s, fresh) => {
      const regionId = s === 'MISSING' ? MISSING_ID : await matrixRegion(x);
      let userId = x.scratch.userId;
      if (s === 'GRANT' && fresh) {
        userId = (await newUser(x, 'outsider')).id;
        await x.api.as(x.f.admin.token).post(`/regions/${regionId}/analysts`, { userId }).expect(201);
      }
      return { method: 'delete', path: `/regions/${regionId}/analysts/${userId}` };
    },
  },
  'GET /api/v1/regions/:regionId/reports/indicators': {
    standings: ['REGION', 'MISSING'],
    mutating: false,
    expect: (c, s) => authenticatedGate(c) ?? (def(c).kind === 'admin' && s === 'REGION' ? 200 : 404),
    request: async (x, _c, s) => ({ method: 'get', path: `/regions/${s === 'MISSING' ? MISSING_ID : await matrixRegion(x)}/reports/indicators` }),
  },
  // the region's own trail (R12): administrators only; a region that does not exist 404
  'GET /api/v1/regions/:regionId/audit': {
    standings: ['REGION', 'MISSING'],
    mutating: false,
    expect: (c, s) => adminGate(c) ?? (s === 'MISSING' ? 404 : 200),
    request: async (x, _c, s) => ({ method: 'get', path: `/regions/${s === 'MISSING' ? MISSING_ID : await matrixRegion(x)}/audit` }),
  },
  'GET /api/v1/regions/:regionId/audit/verify': {
    standings: ['REGION', 'MISSING'],
    mutating: false,
    expect: (c, s) => adminGate(c) ?? (s === 'MISSING' ? 404 : 200),
    request: async (x, _c, s) => ({ method: 'get', path: `/regions/${s === 'MISSING' ? MISSING_ID : await matrixRegion(x)}/audit/verify` }),
  },
  // equity figures (docs/evaluation.md I17, I18): the table's report roles; a region's as its indicators
  'GET /api/v1/regions/:regionId/reports/equity': {
    standings: ['REGION', 'MISSING'],
    mutating: false,
    expect: (c, s) => authenticatedGate(c) ?? (def(c).kind === 'admin' && s === 'REGION' ? 200 : 404),
    request: async (x, _c, s) => ({ method: 'get', path: `/regions/${s === 'MISSING' ? MISSING_ID : await matrixRegion(x)}/reports/equity` }),
  },
  'GET /api/v1/regions/:regionId/reports/equity/trend': {
    standings: ['REGION', 'MISSING'],
    mutating: false,
    expect: (c, s) => authenticatedGate(c) ?? (def(c).kind === 'admin' && s === 'REGION' ? 200 : 404),
    request: async (x, _c, s) => ({ method: 'get', path: `/regions/${s === 'MISSING' ? MISSING_ID : await matrixRegion(x)}/reports/equity/trend` }),
  },
  // the benchmarks of the disproportionality index: administrators only (a new setting each cell: the same year and question replaced)
  'GET /api/v1/regions/:regionId/equity-benchmarks': {
    standings: ['REGION', 'MISSING'],
    mutating: false,
    expect: (c, s) => adminGate(c) ?? (s === 'MISSING' ? 404 : 200),
    request: async (x, _c, s) => ({ method: 'get', path: `/regions/${s === 'MISSING' ? MISSING_ID : await matrixRegion(x)}/equity-benchmarks` }),
  },
  'PUT /api/v1/regions/:regionId/equity-benchmarks/:year/:question': {
    standings: ['REGION', 'MISSING'],
    mutating: true,
    expect: (c, s) => adminGate(c) ?? (s === 'MISSING' ? 404 : 200),
    request: async (x, _c, s) => ({ method: 'put', path: `/regions/${s === 'MISSING' ? MISSING_ID : await matrixRegion(x)}/equity-benchmarks/2025/RACE`, body: BENCHMARK }),
  },
  'GET /api/v1/tables/:tableId/equity-benchmarks': {
    standings: ['TABLE', 'MISSING'],
    mutating: false,
    expect: (c, s) => adminGate(c) ?? (s === 'MISSING' ? 404 : 200),
    request: (x, _c, s) => ({ method: 'get', path: `/tables/${s === 'MISSING' ? MISSING_ID : x.f.tableId}/equity-benchmarks` }),
  },
  'PUT /api/v1/tables/:tableId/equity-benchmarks/:year/:question': {
    standings: ['TABLE', 'MISSING'],
    mutating: true,
    expect: (c, s) => adminGate(c) ?? (s === 'MISSING' ? 404 : 200),
    request: (x, _c, s) => ({
      method: 'put',
      path: `/tables/${s === 'MISSING' ? MISSING_ID : x.f.tableId}/equity-benchmarks/2025/INDIGENOUS_IDENTITY`,
      body: BENCHMARK_INDIGENOUS,
    }),
  },
  'GET /api/v1/regions/:regionId/reports/trend': {
    standings: ['REGION', 'MISSING'],
    mutating: false,
    expect: (c, s) => authenticatedGate(c) ?? (def(c).kind === 'admin' && s === 'REGION' ? 200 : 404),
    request: async (x, _c, s) => ({ method: 'get', path: `/regions/${s === 'MISSING' ? MISSING_ID : await matrixRegion(x)}/reports/trend` }),
  },
  // a region's annual report: the matrix's region has no member tables, so it publishes nothing (409 for the
  // administrator, who may read it); a correction is its regional analysts' (the administrator 403)
  'GET /api/v1/regions/:regionId/reports/annual/:year.pdf': {
    standings: ['REGION', 'MISSING'],
    mutating: false,
    expect: (c, s) => authenticatedGate(c) ?? (def(c).kind === 'admin' && s === 'REGION' ? 409 : 404),
    request: async (x, _c, s) => ({
      method: 'get',
      path: `/regions/${s === 'MISSING' ? MISSING_ID : await matrixRegion(x)}/reports/annual/${new Date().getUTCFullYear() - 2}.pdf`,
    }),
  },
  'GET /api/v1/regions/:regionId/reports/annual/:year.csv': {
    standings: ['REGION', 'MISSING'],
    mutating: false,
    expect: (c, s) => authenticatedGate(c) ?? (def(c).kind === 'admin' && s === 'REGION' ? 409 : 404),
    request: async (x, _c, s) => ({
      method: 'get',
      path: `/regions/${s === 'MISSING' ? MISSING_ID : await matrixRegion(x)}/reports/annual/${new Date().getUTCFullYear() - 2}.csv?lang=fr`,
    }),
  },
  'POST /api/v1/regions/:regionId/reports/annual/:year/versions': {
    standings: ['REGION', 'MISSING'],
    mutating: true,
    expect: (c, s) => authenticatedGate(c) ?? (def(c).kind === 'admin' && s === 'REGION' ? 403 : 404),
    request: async (x, _c, s) => ({
      method: 'post',
      path: `/regions/${s === 'MISSING' ? MISSING_ID : await matrixRegion(x)}/reports/annual/${new Date().getUTCFullYear() - 2}/versions`,
    }),
  },
  /** Issue 17: the privacy officer's removal requests, for the administrators: at no table 404. */
  'GET /api/v1/tables/:tableId/removal-requests': {
    standings: ['TABLE', 'MISSING'],
    mutating: false,
    expect: (c, s) => adminGate(c) ?? (s === 'TABLE' ? 200 : 404),
    request: (x, _c, s) => ({ method: 'get', path: `/tables/${s === 'TABLE' ? x.f.tableId : MISSING_ID}/removal-requests?status=OPEN` }),
  },
  /** An administrator declines an open removal request: 200; a request that does not exist (or at no table) 404. */
  'POST /api/v1/tables/:tableId/removal-requests/:requestId/decline': {
    standings: ['REQUEST', 'NO_REQUEST', 'MISSING'],
    mutating: true,
    expect: (c, s) => adminGate(c) ?? (s === 'REQUEST' ? 200 : 404),
    request: async (x, _c, s) => {
      const id = s === 'REQUEST' ? await newRemovalRequest(x) : MISSING_ID;
      return { method: 'post', path: `/tables/${s === 'MISSING' ? MISSING_ID : x.f.tableId}/removal-requests/${id}/decline`, body: {} };
    },
  },
  /** A new version of a table's confidentiality agreement (on the scratch table: it would block the matrix's members). */
  'POST /api/v1/tables/:tableId/agreement/versions': {
    standings: ['TABLE', 'MISSING'],
    mutating: true,
    expect: (c, s) => adminGate(c) ?? (s === 'TABLE' ? 201 : 404),
    request: (x, _c, s) => ({ method: 'post', path: `/tables/${s === 'TABLE' ? x.scratch.tableId : MISSING_ID}/agreement/versions`, body: AGREEMENT }),
  },
  'GET /api/v1/tables/:tableId/agreement/versions': {
    standings: ['TABLE', 'MISSING'],
    mutating: false,
    expect: (c, s) => adminGate(c) ?? (s === 'TABLE' ? 200 : 404),
    request: (x, _c, s) => ({ method: 'get', path: `/tables/${s === 'TABLE' ? x.f.tableId : MISSING_ID}/agreement/versions` }),
  },

  // ---- table-scoped: the table ----
  'GET /api/v1/tables/:tableId': tableRoute({ method: 'get', path: (t) => `/tables/${t}`, roles: ALL_ROLES, mutating: false, ok: 200 }),
  'GET /api/v1/tables/:tableId/agencies': tableRoute({ method: 'get', path: (t) => `/tables/${t}/agencies`, roles: ALL_ROLES, mutating: false, ok: 200 }),
  /** Issue 17: the access review is the privacy officer's (members and grants with names, never a situation). */
  'GET /api/v1/tables/:tableId/access-review': tableRoute({ method: 'get', path: (t) => `/tables/${t}/access-review`, roles: ['PRIVACY_OFFICER'], mutating: false, ok: 200 }),
  /** Certifying another member's grant (the analyst's): each certification is a new row, cells do not interfere. */
  'POST /api/v1/tables/:tableId/access-review/certifications': tableRoute({
    method: 'post',
    path: (t) => `/tables/${t}/access-review/certifications`,
    roles: ['PRIVACY_OFFICER'],
    body: (x) => ({ userId: x.f.analyst.id, role: 'ANALYST' }),
    mutating: true,
    ok: 201,
  }),
  /** Asking the administrators to remove a grant: a grant of its own for each successful cell (one open request per grant). */
  'POST /api/v1/tables/:tableId/access-review/removal-requests': {
    standings: ['TABLE', 'MISSING'],
    mutating: true,
    expect: (c, s) => tableGate(c, ['PRIVACY_OFFICER'], s === 'TABLE') ?? 201,
    request: async (x, _c, s, fresh) => ({
      method: 'post',
      path: `/tables/${s === 'TABLE' ? x.f.tableId : MISSING_ID}/access-review/removal-requests`,
      body: { userId: fresh ? await newTableGrant(x) : x.f.analyst.id, role: 'ANALYST', reason: 'No longer attends the table.' },
    }),
  },
  /** The table's agreement: readable by every member (also before accepting it). */
  'GET /api/v1/tables/:tableId/agreement': tableRoute({ method: 'get', path: (t) => `/tables/${t}/agreement`, roles: ALL_ROLES, mutating: false, ok: 200 }),
  /** Accepting it: the matrix's table has no agreement, so a member passing the gate gets 409 NO_AGREEMENT (acceptance: access-governance.e2e-spec.ts). */
  'POST /api/v1/tables/:tableId/agreement/accept': tableRoute({
    method: 'post',
    path: (t) => `/tables/${t}/agreement/accept`,
    roles: ALL_ROLES,
    body: () => ({ version: 1 }),
    mutating: false,
    ok: 409,
  }),
  /** Intake: COORDINATOR or AGENCY_REP; a new situation each time, so cells do not interfere. */
  'POST /api/v1/tables/:tableId/situations': tableRoute({
    method: 'post',
    path: (t) => `/tables/${t}/situations`,
    roles: ['COORDINATOR', 'AGENCY_REP'],
    body: () => MEETS,
    mutating: true,
    ok: 201,
  }),
  'GET /api/v1/tables/:tableId/situations': tableRoute({ method: 'get', path: (t) => `/tables/${t}/situations?status=SUBMITTED`, roles: CASE_ROLES, mutating: false, ok: 200 }),
  'POST /api/v1/tables/:tableId/meetings': tableRoute({
    method: 'post',
    path: (t) => `/tables/${t}/meetings`,
    roles: ['COORDINATOR'],
    mutating: true,
    ok: 201,
    body: () => ({ scheduledFor: new Date(Date.now() + 86_400_000).toISOString(), kind: 'REGULAR' }),
  }),
  'POST /api/v1/tables/:tableId/deidentification/check': tableRoute({
    method: 'post',
    path: (t) => `/tables/${t}/deidentification/check`,
    roles: ['COORDINATOR', 'AGENCY_REP'],
    mutating: false,
    ok: 200,
    body: () => ({ text: 'Escalating conflict with neighbours; eviction notice received.' }),
  }),
  'GET /api/v1/tables/:tableId/meetings': tableRoute({ method: 'get', path: (t) => `/tables/${t}/meetings`, roles: ALL_ROLES, mutating: false, ok: 200 }),
  'GET /api/v1/tables/:tableId/audit': tableRoute({ method: 'get', path: (t) => `/tables/${t}/audit?limit=5`, roles: ['PRIVACY_OFFICER'], mutating: false, ok: 200 }),
  'GET /api/v1/tables/:tableId/audit/export.csv': tableRoute({
    method: 'get',
    path: (t) => `/tables/${t}/audit/export.csv?action=situation.submit`,
    roles: ['PRIVACY_OFFICER'],
    mutating: false,
    ok: 200,
  }),
  'GET /api/v1/tables/:tableId/disclosures': tableRoute({ method: 'get', path: (t) => `/tables/${t}/disclosures`, roles: ['PRIVACY_OFFICER'], mutating: false, ok: 200 }),
  'GET /api/v1/tables/:tableId/disclosures/export.csv': tableRoute({
    method: 'get',
    path: (t) => `/tables/${t}/disclosures/export.csv`,
    roles: ['PRIVACY_OFFICER'],
    mutating: false,
    ok: 200,
  }),
  'GET /api/v1/tables/:tableId/audit/verify': tableRoute({ method: 'get', path: (t) => `/tables/${t}/audit/verify`, roles: ['PRIVACY_OFFICER'], mutating: false, ok: 200 }),
  'GET /api/v1/tables/:tableId/audit/anomalies': tableRoute({ method: 'get', path: (t) => `/tables/${t}/audit/anomalies`, roles: ['PRIVACY_OFFICER'], mutating: false, ok: 200 }),
  'GET /api/v1/tables/:tableId/audit/actors': tableRoute({ method: 'get', path: (t) => `/tables/${t}/audit/actors`, roles: ['PRIVACY_OFFICER'], mutating: false, ok: 200 }),
  'GET /api/v1/tables/:tableId/audit/anomaly-thresholds': tableRoute({
    method: 'get',
    path: (t) => `/tables/${t}/audit/anomaly-thresholds`,
    roles: ['PRIVACY_OFFICER'],
    mutating: false,
    ok: 200,
  }),
  /** Without If-Match (each successful cell writes the same values again, a new version). */
  'PUT /api/v1/tables/:tableId/audit/anomaly-thresholds': tableRoute({
    method: 'put',
    path: (t) => `/tables/${t}/audit/anomaly-thresholds`,
    roles: ['PRIVACY_OFFICER'],
    mutating: true,
    ok: 200,
    body: () => ({ maxReadsPerHour: 10, officeStartHour: 7, officeEndHour: 19, closedDays: 30, maxRefusals: 5, maxGuesses: 2 }),
  }),
  /** A successful cell opens a flag of its own: the same refused identity read, over a window of its own. */
  'POST /api/v1/tables/:tableId/anomaly-cases': {
    standings: ['TABLE', 'MISSING'],
    mutating: true,
    expect: (c, s) => tableGate(c, ['PRIVACY_OFFICER'], s === 'TABLE') ?? 201,
    request: async (x, _c, s, fresh) => ({
      method: 'post',
      path: `/tables/${s === 'TABLE' ? x.f.tableId : MISSING_ID}/anomaly-cases`,
      body: fresh ? await freshFlag(x) : { kind: 'IDENTITY_REFUSED', actorId: MISSING_ID, from: new Date(Date.now() - 86_400_000).toISOString(), to: new Date().toISOString() },
    }),
  },
  'GET /api/v1/tables/:tableId/anomaly-cases': tableRoute({
    method: 'get',
    path: (t) => `/tables/${t}/anomaly-cases?status=OPEN`,
    roles: ['PRIVACY_OFFICER'],
    mutating: false,
    ok: 200,
  }),
  'GET /api/v1/tables/:tableId/anomaly-cases/:caseId': oversightRoute({ method: 'get', kind: 'case', suffix: '', mutating: false, ok: 200 }),
  'POST /api/v1/tables/:tableId/anomaly-cases/:caseId/notes': oversightRoute({
    method: 'post',
    kind: 'case',
    suffix: '/notes',
    mutating: true,
    ok: 201,
    body: () => ({ text: 'Looked at the trail with the agency; no concern.' }),
  }),
  'PUT /api/v1/tables/:tableId/anomaly-cases/:caseId/assignee': oversightRoute({
    method: 'put',
    kind: 'case',
    suffix: '/assignee',
    mutating: true,
    ok: 200,
    body: (x) => ({ assigneeId: x.users.privacy!.id }),
  }),
  'POST /api/v1/tables/:tableId/anomaly-cases/:caseId/closure': oversightRoute({
    method: 'post',
    kind: 'case',
    suffix: '/closure',
    mutating: true,
    ok: 200,
    body: () => ({ outcome: 'NO_ISSUE' }),
  }),
  'POST /api/v1/tables/:tableId/breaches': tableRoute({
    method: 'post',
    path: (t) => `/tables/${t}/breaches`,
    roles: ['PRIVACY_OFFICER'],
    mutating: true,
    ok: 201,
    body: () => ({ kind: 'LOSS', description: 'A printed agenda was left in a meeting room.', discoveredAt: new Date(Date.now() - 60_000).toISOString() }),
  }),
  'GET /api/v1/tables/:tableId/breaches': tableRoute({ method: 'get', path: (t) => `/tables/${t}/breaches?status=OPEN`, roles: ['PRIVACY_OFFICER'], mutating: false, ok: 200 }),
  'GET /api/v1/tables/:tableId/breaches/:breachId': oversightRoute({ method: 'get', kind: 'breach', suffix: '', mutating: false, ok: 200 }),
  'POST /api/v1/tables/:tableId/breaches/:breachId/containment-steps': oversightRoute({
    method: 'post',
    kind: 'breach',
    suffix: '/containment-steps',
    mutating: true,
    ok: 201,
    body: () => ({ takenAt: new Date().toISOString(), description: 'The copies were collected and shredded.' }),
  }),
  'PUT /api/v1/tables/:tableId/breaches/:breachId/notifications': oversightRoute({
    method: 'put',
    kind: 'breach',
    suffix: '/notifications',
    mutating: true,
    ok: 200,
    body: () => ({ ipcNotifiedAt: new Date().toISOString(), personsNotifiedAt: null, personsNotificationMethod: null }),
  }),
  'POST /api/v1/tables/:tableId/breaches/:breachId/closure': oversightRoute({
    method: 'post',
    kind: 'breach',
    suffix: '/closure',
    mutating: true,
    ok: 200,
    body: () => ({ outcome: 'NOT_A_BREACH' }),
  }),
  'GET /api/v1/tables/:tableId/sign-in-history': tableRoute({
    method: 'get',
    path: (t) => `/tables/${t}/sign-in-history?limit=5&kind=SIGN_IN`,
    roles: ['PRIVACY_OFFICER'],
    mutating: false,
    ok: 200,
  }),
  /** Individual access requests (issue 17): the table's privacy officer only; references, never identity. */
  'POST /api/v1/tables/:tableId/access-requests/search': tableRoute({
    method: 'post',
    path: (t) => `/tables/${t}/access-requests/search`,
    roles: ['PRIVACY_OFFICER'],
    mutating: false,
    ok: 200,
    body: () => ({ givenName: IDENTITY.givenName, familyName: IDENTITY.familyName, dateOfBirth: IDENTITY.dateOfBirth, purposeCode: 'ACCESS_REQUEST' }),
  }),
  'GET /api/v1/tables/:tableId/reports/summary': tableRoute({ method: 'get', path: (t) => `/tables/${t}/reports/summary`, roles: REPORT_ROLES, mutating: false, ok: 200 }),
  'GET /api/v1/tables/:tableId/reports/equity': tableRoute({
    method: 'get',
    path: (t) => `/tables/${t}/reports/equity?period=2025`,
    roles: REPORT_ROLES,
    mutating: false,
    ok: 200,
  }),
  'GET /api/v1/tables/:tableId/reports/equity/trend': tableRoute({
    method: 'get',
    path: (t) => `/tables/${t}/reports/equity/trend`,
    roles: REPORT_ROLES,
    mutating: false,
    ok: 200,
  }),
  'GET /api/v1/tables/:tableId/reports/indicators': tableRoute({ method: 'get', path: (t) => `/tables/${t}/reports/indicators`, roles: REPORT_ROLES, mutating: false, ok: 200 }),
  'GET /api/v1/tables/:tableId/reports/trend': tableRoute({ method: 'get', path: (t) => `/tables/${t}/reports/trend`, roles: REPORT_ROLES, mutating: false, ok: 200 }),
  'GET /api/v1/tables/:tableId/reports/rtd-export.csv': tableRoute({
    method: 'get',
    path: (t) => `/tables/${t}/reports/rtd-export.csv`,
    roles: ROW_EXPORT_ROLES,
    mutating: false,
    ok: 200,
  }),
  /** The annual report (docs/evaluation.md, section 8): aggregates for the table's coordinators and analysts, of a year long over. */
  'GET /api/v1/tables/:tableId/reports/annual/:year.pdf': tableRoute({
    method: 'get',
    path: (t) => `/tables/${t}/reports/annual/${new Date().getUTCFullYear() - 2}.pdf`,
    roles: ['COORDINATOR', 'ANALYST'],
    mutating: false,
    ok: 200,
  }),
  /** A correction of the annual report: a new stored version, the table's coordinators only. */
  'POST /api/v1/tables/:tableId/reports/annual/:year/versions': tableRoute({
    method: 'post',
    path: (t) => `/tables/${t}/reports/annual/${new Date().getUTCFullYear() - 2}/versions`,
    roles: ['COORDINATOR'],
    mutating: true,
    ok: 201,
  }),
  'GET /api/v1/tables/:tableId/reports/annual/:year.csv': tableRoute({
    method: 'get',
    path: (t) => `/tables/${t}/reports/annual/${new Date().getUTCFullYear() - 2}.csv?lang=fr`,
    roles: ['COORDINATOR', 'ANALYST'],
    mutating: false,
    ok: 200,
  }),

  // ---- table-scoped: a situation, in each state ----
  'GET /api/v1/situations/:id': situationRoute({ method: 'get', path: (id) => `/situations/${id}`, roles: CASE_ROLES, mutating: false, outcome: () => 200 }),
  /** The timeline and the updates: read like the situation (a stub's timeline keeps only the stub's facts). */
  'GET /api/v1/situations/:id/timeline': situationRoute({ method: 'get', path: (id) => `/situations/${id}/timeline`, roles: CASE_ROLES, mutating: false, outcome: () => 200 }),
  'GET /api/v1/situations/:id/updates': situationRoute({ method: 'get', path: (id) => `/situations/${id}/updates`, roles: CASE_ROLES, mutating: false, outcome: () => 200 }),
  /**
   * The same read by reference, at the matrix's table (an admin or a stranger: 404, never 403); a
   * well-formed reference that names nothing (MISSING), and a malformed one: 400 once signed in.
   */
  'GET /api/v1/situations/by-reference/:reference': {
    standings: [...SITUATION_STATES, 'MALFORMED'],
    mutating: false,
    expect: (c, s) => (s === 'MALFORMED' ? (authenticatedGate(c) ?? 400) : (tableGate(c, CASE_ROLES, s !== 'MISSING') ?? 200)),
    request: async (x, _c, s) => {
      let reference = s === 'MALFORMED' ? 'not-a-reference' : `${x.f.code}-1999-0001`;
      if (s !== 'MALFORMED' && s !== 'MISSING') {
        reference = (await x.owner.query<{ reference: string }>('SELECT reference FROM situations WHERE id = $1', [x.situations[s as WalkState]])).rows[0].reference;
      }
      return { method: 'get', path: `/situations/by-reference/${reference}` };
    },
  },
  /** A stub (rejected, withdrawn) has no threshold to show any more. */
  'GET /api/v1/situations/:id/threshold': situationRoute({
    method: 'get',
    path: (id) => `/situations/${id}/threshold`,
    roles: CASE_ROLES,
    mutating: false,
    outcome: (_c, s) => (s === 'REJECTED' || s === 'WITHDRAWN' ? 410 : 200),
  }),
  /** COORDINATOR; only while SUBMITTED or DEFERRED (a second final decision 409). */
  'POST /api/v1/situations/:id/decision': situationRoute({
    method: 'post',
    path: (id) => `/situations/${id}/decision`,
    roles: ['COORDINATOR'],
    mutating: true,
    body: () => ({ outcome: 'AER', rationale: 'Meets the threshold.' }),
    outcome: (_c, s) => (AWAITING_STATES.includes(s) ? 200 : 409),
  }),
  /** The originating agency's rep, only while SUBMITTED or DEFERRED: standing first (403), then state (409). */
  'POST /api/v1/situations/:id/withdraw': situationRoute({
    method: 'post',
    path: (id) => `/situations/${id}/withdraw`,
    roles: ['COORDINATOR', 'AGENCY_REP'],
    mutating: true,
    outcome: (c, s) => (!involvement(c, s).originating ? 403 : AWAITING_STATES.includes(s) ? 200 : 409),
  }),
  /** COORDINATOR; only while SUBMITTED or DEFERRED (issue 16): closed as a duplicate of the table's accepted situation. */
  'POST /api/v1/situations/:id/duplicate': situationRoute({
    method: 'post',
    path: (id) => `/situations/${id}/duplicate`,
    roles: ['COORDINATOR'],
    mutating: true,
    body: (x) => ({ duplicateOf: x.situations.ACCEPTED }),
    outcome: (_c, s) => (AWAITING_STATES.includes(s) ? 200 : 409),
  }),
  /** An edit: the originating agency (rep or coordinator, intake's rule), only while SUBMITTED or DEFERRED. */
  'PATCH /api/v1/situations/:id': situationRoute({
    method: 'patch',
    path: (id) => `/situations/${id}`,
    roles: ['COORDINATOR', 'AGENCY_REP'],
    mutating: true,
    body: () => MEETS,
    outcome: (c, s) => (!involvement(c, s).originating ? 403 : AWAITING_STATES.includes(s) ? 200 : 409),
  }),
  /** COORDINATOR; first assignment from ACCEPTED, reassignment while open. */
  'POST /api/v1/situations/:id/assignment': situationRoute({
    method: 'post',
    path: (id) => `/situations/${id}/assignment`,
    roles: ['COORDINATOR'],
    mutating: true,
    body: (x) => ({ leadAgencyId: x.f.agencies.housing.id, assistingAgencyIds: [x.f.agencies.health.id] }),
    outcome: (_c, s) => (OPEN_STATES.includes(s) ? 200 : 409),
  }),
  /** The lead agency's rep only (not a coordinator); only while ASSIGNED and unanswered (standing before state). */
  'POST /api/v1/situations/:id/lead-answer': situationRoute({
    method: 'post',
    path: (id) => `/situations/${id}/lead-answer`,
    roles: ['AGENCY_REP'],
    mutating: true,
    body: () => ({ answer: 'ACCEPT' }),
    outcome: (c, s) => (!involvement(c, s).lead ? 403 : s === 'ASSIGNED' ? 200 : 409),
  }),
  /**
   * Lead or assisting agency's rep (its own agency's), or COORDINATOR (without agencyId: the lead's);
   * standing checked before state. ASSIGNED: each agency once. MOBILIZED (the lead mobilised): the
   * assisting agency still may, the lead (and a coordinator for it) 409 AGENCY_ALREADY_MOBILIZED.
   */
  'POST /api/v1/situations/:id/mobilization': situationRoute({
    method: 'post',
    path: (id) => `/situations/${id}/mobilization`,
    roles: ['COORDINATOR', 'AGENCY_REP'],
    mutating: true,
    body: () => ({ mobilizedAt: new Date().toISOString(), services: ['HOUSING_SHELTER'] }),
    outcome: (c, s) =>
      !(isCoordinator(c) || leadOrAssisting(c, s)) ? 403 : s === 'ASSIGNED' || (s === 'MOBILIZED' && !isCoordinator(c) && involvement(c, s).assisting) ? 200 : 409,
  }),
  /**
   * The lead agency's services (issue 16): its own rep or a COORDINATOR (another agency's rep 403,
   * standing before state); after it mobilised (MOBILIZED here; ASSIGNED: not yet, 409), while open.
   */
  'PUT /api/v1/situations/:id/agencies/:agencyId/services': situationRoute({
    method: 'put',
    path: (id, x) => `/situations/${id}/agencies/${x.f.agencies.housing.id}/services`,
    roles: ['COORDINATOR', 'AGENCY_REP'],
    mutating: true,
    body: () => ({ services: ['INCOME_SUPPORT'] }),
    outcome: (c, s) => (!(isCoordinator(c) || involvement(c, s).lead) ? 403 : s === 'MOBILIZED' ? 200 : 409),
  }),
  /** Same callers as mobilisation; standing checked before state; open situations only. */
  'POST /api/v1/situations/:id/updates': situationRoute({
    method: 'post',
    path: (id) => `/situations/${id}/updates`,
    roles: ['COORDINATOR', 'AGENCY_REP'],
    mutating: true,
    body: () => ({ note: 'Joint visit done; connected to shelter intake.' }),
    outcome: (c, s) => (!(isCoordinator(c) || leadOrAssisting(c, s)) ? 403 : OPEN_STATES.includes(s) ? 201 : 409),
  }),
  /**
   * An agency's action (issue 16): a coordinator (for an intervening agency: the body names none, so
   * the caller's own; the uninvolved coordinator's school is not one, 400) or a representative of the
   * lead or an assisting agency (its own); standing before state; only ASSIGNED or MOBILIZED.
   */
  'POST /api/v1/situations/:id/actions': situationRoute({
    method: 'post',
    path: (id) => `/situations/${id}/actions`,
    roles: ['COORDINATOR', 'AGENCY_REP'],
    mutating: true,
    body: () => ({ description: 'Arrange a supported housing viewing.', dueDate: '2026-12-20' }),
    outcome: (c, s) => workOutcome(c, s, 201),
  }),
  'GET /api/v1/situations/:id/actions': situationRoute({ method: 'get', path: (id) => `/situations/${id}/actions`, roles: CASE_ROLES, mutating: false, outcome: () => 200 }),
  /**
   * A change to an action owned by the lead (housing): a coordinator or the housing representative
   * (the assisting agency's representative 403: not its action). Actions exist only once assigned:
   * in the other states the path names an action that does not exist (404, after standing).
   */
  'PATCH /api/v1/situations/:id/actions/:actionId': {
    standings: SITUATION_STATES,
    mutating: true,
    expect: (c, standing) => {
      const s = standing as SituationState;
      return (
        tableGate(c, ['COORDINATOR', 'AGENCY_REP'], s !== 'MISSING') ??
        (!(isCoordinator(c) || leadOrAssisting(c, s)) ? 403 : s !== 'ASSIGNED' && s !== 'MOBILIZED' ? 404 : isCoordinator(c) || involvement(c, s).lead ? 200 : 403)
      );
    },
    request: async (x, _c, s, fresh) => {
      const id = s === 'MISSING' ? MISSING_ID : fresh ? await x.walk(s as WalkState) : x.situations[s as WalkState];
      let actionId = MISSING_ID;
      if (s === 'ASSIGNED' || s === 'MOBILIZED') {
        const created = await x.api
          .as(x.tokens.coordinator)
          .post(`/situations/${id}/actions`, { ownerAgencyId: x.f.agencies.housing.id, description: 'Book the housing intake.', dueDate: '2026-12-20' })
          .expect(201);
        actionId = created.body.id;
      }
      return { method: 'patch', path: `/situations/${id}/actions/${actionId}`, body: { status: 'DONE' } };
    },
  },
  /** An attempt to contact the person: the callers and states of an action. */
  'POST /api/v1/situations/:id/contact-attempts': situationRoute({
    method: 'post',
    path: (id) => `/situations/${id}/contact-attempts`,
    roles: ['COORDINATOR', 'AGENCY_REP'],
    mutating: true,
    body: () => ({ attemptedAt: new Date().toISOString(), outcome: 'NO_ANSWER' }),
    outcome: (c, s) => workOutcome(c, s, 201),
  }),
  'GET /api/v1/situations/:id/contact-attempts': situationRoute({
    method: 'get',
    path: (id) => `/situations/${id}/contact-attempts`,
    roles: CASE_ROLES,
    mutating: false,
    outcome: () => 200,
  }),
  /** COORDINATOR; only once assigned: ASSIGNED or MOBILIZED (an ACCEPTED one 409, domain.md). */
  'POST /api/v1/situations/:id/closure': situationRoute({
    method: 'post',
    path: (id) => `/situations/${id}/closure`,
    roles: ['COORDINATOR'],
    mutating: true,
    body: () => ({ conclusion: 'CONNECTED_TO_SERVICES', consentStatus: 'OBTAINED' }),
    outcome: (_c, s) => (s === 'ASSIGNED' || s === 'MOBILIZED' ? 200 : 409),
  }),
  /** COORDINATOR; only a CLOSED situation, within the table's reopenLimitDays, its identity not purged (410, issue 16). */
  'POST /api/v1/situations/:id/reopen': situationRoute({
    method: 'post',
    path: (id) => `/situations/${id}/reopen`,
    roles: ['COORDINATOR'],
    mutating: true,
    body: () => ({ rationale: 'The placement fell through; the table resumes the intervention.' }),
    outcome: (_c, s) => (s === 'CLOSED' ? 200 : s === 'PURGED' ? 410 : 409),
  }),
  /** COORDINATOR; the closure's system barriers, while the situation may be reopened: the reopening's rule (issue 19). */
  'PUT /api/v1/situations/:id/system-barriers': situationRoute({
    method: 'put',
    path: (id) => `/situations/${id}/system-barriers`,
    roles: ['COORDINATOR'],
    mutating: true,
    body: () => ({ systemBarriers: [{ code: 'WAIT_LIST', service: 'HOUSING_SHELTER' }] }),
    outcome: (_c, s) => (s === 'CLOSED' ? 200 : s === 'PURGED' ? 410 : 409),
  }),
  /** AGENCY_REP of the originating or lead agency (any other role 403 at the route), from ASSIGNED until closure. */
  'PUT /api/v1/situations/:id/identity': situationRoute({
    method: 'put',
    path: (id) => `/situations/${id}/identity`,
    roles: ['AGENCY_REP'],
    mutating: true,
    body: () => IDENTITY,
    outcome: (c, s) => (!originatingOrLead(c, s) ? 403 : s === 'ASSIGNED' || s === 'MOBILIZED' ? 204 : 409),
  }),
  /**
   * AGENCY_REP of the originating, lead or assisting agency only: the coordinator of health, the
   * privacy officer of housing and the analyst of police have standing agencies but not the role,
   * so 403 like anyone else at the table; from ASSIGNED on; after purge 410.
   */
  'GET /api/v1/situations/:id/identity': situationRoute({
    method: 'get',
    path: (id) => `/situations/${id}/identity?purposeCode=HOME_VISIT&purpose=plan+joint+visit`,
    roles: ['AGENCY_REP'],
    mutating: false,
    outcome: (c, s) => (!anyStanding(c, s) ? 403 : s === 'PURGED' ? 410 : ASSIGNED_OR_LATER.includes(s) ? 200 : 409),
  }),
  /** The subject (issue 16): exactly the identity's rules (one guard, one vault code). */
  'PUT /api/v1/situations/:id/subject': situationRoute({
    method: 'put',
    path: (id) => `/situations/${id}/subject`,
    roles: ['AGENCY_REP'],
    mutating: true,
    body: () => ({
      kind: 'PERSONS',
      legalAuthority: IDENTITY.legalAuthority,
      persons: [{ role: 'PRIMARY', givenName: IDENTITY.givenName, familyName: IDENTITY.familyName }],
    }),
    outcome: (c, s) => (!originatingOrLead(c, s) ? 403 : s === 'ASSIGNED' || s === 'MOBILIZED' ? 204 : 409),
  }),
  'GET /api/v1/situations/:id/subject': situationRoute({
    method: 'get',
    path: (id) => `/situations/${id}/subject?purposeCode=HOME_VISIT&purpose=plan+joint+visit`,
    roles: ['AGENCY_REP'],
    mutating: false,
    outcome: (c, s) => (!anyStanding(c, s) ? 403 : s === 'PURGED' ? 410 : ASSIGNED_OR_LATER.includes(s) ? 200 : 409),
  }),
  /**
   * The equity questions (issue 19, docs/evaluation.md 6.4): the identity write's standing and states
   * (AGENCY_REP of the originating or lead agency, ASSIGNED or MOBILIZED); the walk records answers
   * as police once assigned, so a read-back is the recording agency's (police) alone. Recorded
   * answers stay open to their form, correction and withdrawal after closure while the identity is
   * live (CLOSED; PURGED took them with the identity); a read-back does not.
   */
  'GET /api/v1/situations/:id/equity/form': situationRoute({
    method: 'get',
    path: (id) => `/situations/${id}/equity/form`,
    roles: ['AGENCY_REP'],
    mutating: false,
    outcome: (c, s) => (!originatingOrLead(c, s) ? 403 : s === 'ASSIGNED' || s === 'MOBILIZED' || s === 'CLOSED' ? 200 : 409),
  }),
  'PUT /api/v1/situations/:id/equity': situationRoute({
    method: 'put',
    path: (id) => `/situations/${id}/equity`,
    roles: ['AGENCY_REP'],
    mutating: true,
    body: () => EQUITY,
    outcome: (c, s) => (!originatingOrLead(c, s) ? 403 : s === 'ASSIGNED' || s === 'MOBILIZED' || s === 'CLOSED' ? 200 : 409),
  }),
  'GET /api/v1/situations/:id/equity': situationRoute({
    method: 'get',
    path: (id) => `/situations/${id}/equity?purposeCode=SERVICE_CONNECTION`,
    roles: ['AGENCY_REP'],
    mutating: false,
    outcome: (c, s) => (!originatingOrLead(c, s) ? 403 : s !== 'ASSIGNED' && s !== 'MOBILIZED' ? 409 : def(c).agency === 'police' ? 200 : 403),
  }),
  'DELETE /api/v1/situations/:id/equity': situationRoute({
    method: 'delete',
    path: (id) => `/situations/${id}/equity`,
    roles: ['AGENCY_REP'],
    mutating: true,
    outcome: (c, s) => (!originatingOrLead(c, s) ? 403 : s === 'ASSIGNED' || s === 'MOBILIZED' || s === 'CLOSED' ? 204 : 409),
  }),
  /** A situation's disclosures (issue 17): representatives of its agencies, coordinators, privacy officers. */
  'GET /api/v1/situations/:id/disclosures': situationRoute({
    method: 'get',
    path: (id) => `/situations/${id}/disclosures`,
    roles: ['AGENCY_REP', 'COORDINATOR', 'PRIVACY_OFFICER'],
    mutating: false,
    outcome: (c, s) => (def(c).role !== 'AGENCY_REP' || anyStanding(c, s) ? 200 : 403),
  }),
  'POST /api/v1/situations/:id/disclosures/:disclosureId/notice': disclosureRoute('notice', () => ({ givenAt: new Date().toISOString(), method: 'MAIL_LAST_KNOWN_ADDRESS' })),
  'POST /api/v1/situations/:id/disclosures/:disclosureId/consent': disclosureRoute('consent', () => ({
    obtainedAt: new Date(Date.now() - 3_600_000).toISOString(),
    scope: 'INTERVENING_AGENCIES',
  })),
  'GET /api/v1/situations/:id/access-log': situationRoute({
    method: 'get',
    path: (id) => `/situations/${id}/access-log`,
    roles: ['PRIVACY_OFFICER'],
    mutating: false,
    outcome: () => 200,
  }),

  // ---- table-scoped: a meeting, open or closed ----
  'GET /api/v1/meetings/:id': meetingRoute({ method: 'get', path: (id) => `/meetings/${id}`, roles: ALL_ROLES, mutating: false, outcome: () => 200 }),
  /** Analysts see aggregates only (domain.md): meeting lists yes, agendas and minutes (situation items) no. */
  'GET /api/v1/meetings/:id/agenda': meetingRoute({ method: 'get', path: (id) => `/meetings/${id}/agenda`, roles: CASE_ROLES, mutating: false, outcome: () => 200 }),
  'GET /api/v1/meetings/:id/minutes': meetingRoute({ method: 'get', path: (id) => `/meetings/${id}/minutes`, roles: CASE_ROLES, mutating: false, outcome: () => 200 }),
  'PUT /api/v1/meetings/:id/attendance': meetingRoute({
    method: 'put',
    path: (id) => `/meetings/${id}/attendance`,
    roles: ['COORDINATOR'],
    mutating: true,
    body: (x) => ({ agencyIds: [x.f.agencies.police.id, x.f.agencies.housing.id] }),
    outcome: (_c, s) => (s === 'OPEN' ? 200 : 409),
  }),
  'POST /api/v1/meetings/:id/close': meetingRoute({
    method: 'post',
    path: (id) => `/meetings/${id}/close`,
    roles: ['COORDINATOR'],
    mutating: true,
    outcome: (_c, s) => (s === 'OPEN' ? 200 : 409),
  }),
  /** The agenda's items (issue 16): the coordinator only, while the meeting is open. */
  'POST /api/v1/meetings/:id/agenda/items': meetingRoute({
    method: 'post',
    path: (id) => `/meetings/${id}/agenda/items`,
    roles: ['COORDINATOR'],
    mutating: true,
    body: (x) => ({ situationId: x.situations.CLOSED }),
    outcome: (_c, s) => (s === 'OPEN' ? 201 : 409),
  }),
  'PUT /api/v1/meetings/:id/agenda/order': meetingRoute({
    method: 'put',
    path: (id) => `/meetings/${id}/agenda/order`,
    roles: ['COORDINATOR'],
    mutating: true,
    body: () => ({ situationIds: [] }),
    outcome: (_c, s) => (s === 'OPEN' ? 200 : 409),
  }),
  'DELETE /api/v1/meetings/:id/agenda/items/:situationId': agendaItemRoute('delete', null),
  'POST /api/v1/meetings/:id/agenda/items/:situationId/defer': agendaItemRoute('post', 'defer'),
  'POST /api/v1/meetings/:id/agenda/items/:situationId/discussed': agendaItemRoute('post', 'discussed'),
  'GET /api/v1/meetings/:id/attendance/candidates': meetingRoute({
    method: 'get',
    path: (id) => `/meetings/${id}/attendance/candidates`,
    roles: ['COORDINATOR'],
    mutating: false,
    outcome: () => 200,
  }),
  /** The minutes as a PDF: the same callers as the minutes (issue 16). */
  'GET /api/v1/meetings/:id/minutes.pdf': meetingRoute({
    method: 'get',
    path: (id) => `/meetings/${id}/minutes.pdf?lang=fr`,
    roles: CASE_ROLES,
    mutating: false,
    outcome: () => 200,
  }),
  /** COORDINATOR; a closed meeting's minutes, at the next meeting while it is open (an open meeting: 409 MEETING_NOT_CLOSED). */
  'POST /api/v1/meetings/:id/minutes/approval': meetingRoute({
    method: 'post',
    path: (id) => `/meetings/${id}/minutes/approval`,
    roles: ['COORDINATOR'],
    mutating: true,
    outcome: (_c, s) => (s === 'CLOSED' ? 200 : 409),
    freshClosed: closedWithNext,
  }),
  /** COORDINATOR; an open meeting's agenda, once. */
  'POST /api/v1/meetings/:id/agenda/publish': meetingRoute({
    method: 'post',
    path: (id) => `/meetings/${id}/agenda/publish`,
    roles: ['COORDINATOR'],
    mutating: true,
    outcome: (_c, s) => (s === 'OPEN' ? 200 : 409),
  }),
};

// ---- fixture helpers ---------------------------------------------------------------------------------

async function newUser(x: Ctx, agency: AgencyKey | 'outsider'): Promise<{ id: string; email: string }> {
  const email = `${unique(`matrix-${agency}`)}@example.test`;
  const res = await x.api.as(x.f.admin.token).post('/users', { email, displayName: 'Matrix User', password: PASSWORD, agencyId: x.f.agencies[agency].id });
  if (res.status !== 201) throw new Error(`user creation failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.id, email };
}

async function newMember(x: Pick<Ctx, 'api' | 'f'>, agency: AgencyKey, role: Role): Promise<Member> {
  const email = `${unique(`matrix-${agency}`)}@example.test`;
  const a = x.api.as(x.f.admin.token);
  const user = await x.api.createUser(x.f.admin.token, { email, displayName: 'Matrix Member', agencyId: x.f.agencies[agency].id });
  await a.post(`/tables/${x.f.tableId}/roles`, { userId: user.id, role }).expect(201);
  return { id: user.id, email, agencyId: x.f.agencies[agency].id, token: await x.api.login(email) };
}

/** A member of the matrix's table who has not yet replaced the temporary password an administrator set. */
async function temporaryMember(x: Pick<Ctx, 'api' | 'f'>, agency: AgencyKey, role: Role): Promise<Member> {
  const email = `${unique(`matrix-temporary-${agency}`)}@example.test`;
  const a = x.api.as(x.f.admin.token);
  const user = await a.post('/users', { email, displayName: 'Matrix Temporary', password: TEMPORARY_PASSWORD, agencyId: x.f.agencies[agency].id }).expect(201);
  await a.post(`/tables/${x.f.tableId}/roles`, { userId: user.body.id, role }).expect(201);
  const login = await x.api.as().post('/auth/login', { email, password: TEMPORARY_PASSWORD }).expect(200);
  if (login.body.passwordChangeRequired !== true) throw new Error('the temporary-password caller should have to change its password');
  return { id: user.body.id, email, agencyId: x.f.agencies[agency].id, token: login.body.accessToken as string };
}

async function newAgency(x: Ctx): Promise<string> {
  const res = await x.api
    .as(x.f.admin.token)
    .post('/agencies', { name: unique('Matrix agency'), sector: 'EDUCATION' })
    .expect(201);
  return res.body.id;
}

const AGREEMENT = {
  textEn: 'I keep confidential what the table discusses and use it only to help.',
  textFr: "Je garde confidentiel ce dont la table discute et ne l'utilise que pour aider.",
};

/** A user of police granted ANALYST at the matrix's table (a grant a removal request may name). */
async function newTableGrant(x: Ctx): Promise<string> {
  const user = await newUser(x, 'police');
  await x.api.as(x.f.admin.token).post(`/tables/${x.f.tableId}/roles`, { userId: user.id, role: 'ANALYST' }).expect(201);
  return user.id;
}

/** An open removal request of the matrix's table, made by its privacy officer on a grant of its own. */
async function newRemovalRequest(x: Ctx): Promise<string> {
  const userId = await newTableGrant(x);
  const res = await x.api
    .as(x.f.privacy.token)
    .post(`/tables/${x.f.tableId}/access-review/removal-requests`, { userId, role: 'ANALYST', reason: 'No longer attends the table.' })
    .expect(201);
  return res.body.id as string;
}

/** A user of police (a member of the scratch table) granted AGENCY_REP there. */
/** The matrix's region (issue 19, section 7), created once by the administrator. */
let region: Promise<string> | undefined;
function matrixRegion(x: Ctx): Promise<string> {
  return (region ??= x.api
    .as(x.f.admin.token)
    .post('/regions', { code: 'MATRIX', nameEn: 'Matrix region', nameFr: 'Région de la matrice' })
    .expect(201)
    .then((res) => res.body.id as string));
}

async function newGrant(x: Ctx): Promise<string> {
  const user = await newUser(x, 'police');
  await x.api.as(x.f.admin.token).post(`/tables/${x.scratch.tableId}/roles`, { userId: user.id, role: 'AGENCY_REP' }).expect(201);
  return user.id;
}

async function newNotification(x: Pick<Ctx, 'owner'>, userId: string): Promise<string> {
  const rows = await x.owner.query<{ id: string }>(`INSERT INTO notifications (user_id, kind, payload) VALUES ($1, 'MATRIX_TEST', '{}') RETURNING id`, [userId]);
  return rows.rows[0].id;
}

/** A closed meeting and, a minute after it, an open one (its next): at a random minute of 2020, so no other meeting falls between. */
async function closedWithNext(x: Pick<Ctx, 'api' | 'f'>): Promise<string> {
  const c = x.api.as(x.f.coordinator.token);
  const at = Date.UTC(2020, 0, 1) + Math.floor(Math.random() * 500_000) * 60_000;
  const closed = (await c.post(`/tables/${x.f.tableId}/meetings`, { scheduledFor: new Date(at).toISOString(), kind: 'REGULAR' }).expect(201)).body.id as string;
  await c.post(`/tables/${x.f.tableId}/meetings`, { scheduledFor: new Date(at + 60_000).toISOString(), kind: 'REGULAR' }).expect(201);
  await c.post(`/meetings/${closed}/close`).expect(200);
  return closed;
}

async function newMeeting(x: Pick<Ctx, 'api' | 'f'>): Promise<string> {
  return meetingAt(x, Date.now() + 86_400_000);
}

async function meetingAt(x: Pick<Ctx, 'api' | 'f'>, at: number): Promise<string> {
  const res = await x.api
    .as(x.f.coordinator.token)
    .post(`/tables/${x.f.tableId}/meetings`, { scheduledFor: new Date(at).toISOString(), kind: 'REGULAR' })
    .expect(201);
  return res.body.id;
}

/**
 * Walks a new situation (brought by police) to `state`: housing leads, health assists, and police
 * writes the identity as soon as it is assigned. PURGED: closed, then its identity crypto-shredded.
 */
async function walk(x: Pick<Ctx, 'api' | 'f' | 't' | 'owner'>, state: WalkState): Promise<string> {
  const { api, f } = x;
  const s = await submit(api, f, f.reps.police.token, MEETS);
  const c = api.as(f.coordinator.token);
  if (state === 'SUBMITTED') return s.id;
  if (state === 'DEFERRED') {
    await c.post(`/situations/${s.id}/decision`, { outcome: 'DEFERRED', informationNeeded: 'Which supports were offered already, and when?' }).expect(200);
    return s.id;
  }
  if (state === 'WITHDRAWN') {
    await api.as(f.reps.police.token).post(`/situations/${s.id}/withdraw`).expect(200);
    return s.id;
  }
  if (state === 'REJECTED') {
    await c.post(`/situations/${s.id}/decision`, { outcome: 'NOT_AER', rationale: 'The table finds a single agency can respond to this.' }).expect(200);
    return s.id;
  }
  await c.post(`/situations/${s.id}/decision`, { outcome: 'AER', rationale: 'Meets the threshold.' }).expect(200);
  if (state === 'ACCEPTED') return s.id;
  await c.post(`/situations/${s.id}/assignment`, { leadAgencyId: f.agencies.housing.id, assistingAgencyIds: [f.agencies.health.id] }).expect(200);
  await api.as(f.reps.police.token).put(`/situations/${s.id}/identity`, IDENTITY).expect(204);
  await api.as(f.reps.police.token).put(`/situations/${s.id}/equity`, EQUITY).expect(200);
  if (state === 'ASSIGNED') return s.id;
  await api
    .as(f.reps.housing.token)
    .post(`/situations/${s.id}/mobilization`, { mobilizedAt: new Date().toISOString(), services: ['HOUSING_SHELTER'] })
    .expect(200);
  if (state === 'MOBILIZED') return s.id;
  await c.post(`/situations/${s.id}/closure`, { conclusion: 'CONNECTED_TO_SERVICES', consentStatus: 'OBTAINED' }).expect(200);
  if (state === 'CLOSED') return s.id;
  await x.owner.query(`UPDATE situations SET identity_purge_at = now() - interval '1 minute' WHERE id = $1`, [s.id]);
  await x.t.app.get(IdentityVaultService).purgeDue();
  const purged = await x.owner.query('SELECT identity_purged_at FROM situations WHERE id = $1', [s.id]);
  if (!purged.rows[0]?.identity_purged_at) throw new Error('purge did not run');
  return s.id;
}

/** An HS256 JWT, as the app signs them (issuer, audience, sub, jti, tv). */
function signJwt(claims: Record<string, unknown>, secret: string): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const head = `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ iss: 'situation-table', aud: 'situation-table-api', ...claims })}`;
  return `${head}.${createHmac('sha256', secret).update(head).digest('base64url')}`;
}

// ---- the cells ---------------------------------------------------------------------------------------

interface Cell {
  route: string;
  caller: Caller;
  standing: string;
  status: number;
}

const CELLS: Cell[] = Object.entries(MATRIX).flatMap(([route, spec]) =>
  spec.standings.flatMap((standing) => CALLER_NAMES.map((caller) => ({ route, caller, standing, status: spec.expect(caller, standing) }))),
);
const shortName = (route: string) => route.replace(' /api/v1/', ' /');
type Outcome = { req: Req; status: number; body: unknown; text: string } | { error: Error };
const CONCURRENCY = Number(process.env.MATRIX_CONCURRENCY ?? 6);

describe('authorisation matrix', () => {
  let x: Ctx;
  let checked = 0;
  const results: Outcome[] = [];
  let fixtureSeconds = 0;
  const started = Date.now();

  beforeAll(async () => {
    const t = await createTestApp({ LOG_LEVEL: 'warn' });
    const api = new Api(t);
    const f = await buildTable(api);
    const owner = new Pool({ connectionString: t.ownerUrl, max: 4 });
    const base = { api, f, t, owner };

    const coordinatorUninvolved = await newMember(base, 'school', 'COORDINATOR');
    const privacyUninvolved = await newMember(base, 'school', 'PRIVACY_OFFICER');
    const analystOriginating = await newMember(base, 'police', 'ANALYST');
    const temporary = await temporaryMember(base, 'health', 'COORDINATOR');
    const members: Partial<Record<Caller, Member | { id: string; email: string; token: string }>> = {
      admin: { id: f.admin.id, email: (f.admin as unknown as { email: string }).email, token: f.admin.token },
      coordinator: f.coordinator,
      'coordinator-uninvolved': coordinatorUninvolved,
      'rep-originating': f.reps.police,
      'rep-lead': f.reps.housing,
      'rep-assisting': f.reps.health,
      'rep-uninvolved': f.reps.school,
      privacy: f.privacy,
      'privacy-uninvolved': privacyUninvolved,
      analyst: f.analyst,
      'analyst-originating': analystOriginating,
      stranger: f.stranger,
      'temporary-password': temporary,
    };
    const now = Math.floor(Date.now() / 1000);
    const secret = t.config.secrets.jwtSecret;
    const revoked = await api.login(f.coordinator.email);
    await api.as(revoked).post('/auth/logout').expect(204);
    const tokens = Object.fromEntries(CALLER_NAMES.map((c) => [c, members[c]?.token])) as Record<Caller, string | undefined>;
    // the coordinator's token version: choosing a password (the fixture does) revoked the earlier tokens
    const tv = (await owner.query<{ token_version: number }>('SELECT token_version FROM users WHERE id = $1', [f.coordinator.id])).rows[0].token_version;
    tokens['expired-token'] = signJwt({ sub: f.coordinator.id, jti: randomUUID(), tv, iat: now - 7200, exp: now - 3600 }, secret);
    tokens['forged-token'] = signJwt({ sub: f.coordinator.id, jti: randomUUID(), tv: 0, iat: now, exp: now + 600 }, 'not-the-secret-0123456789abcdefghijklmnopqrstuvwxyz');
    tokens['revoked-token'] = revoked;
    const users = Object.fromEntries(CALLER_NAMES.map((c) => [c, members[c] ? { id: members[c]!.id, email: members[c]!.email } : undefined])) as Ctx['users'];

    // Administration targets: a scratch table (police sits there), a user, a grant, a locked account.
    const a = api.as(f.admin.token);
    const scratchTable = await a.post('/tables', { name: unique('Matrix scratch'), code: 'SCR' }).expect(201);
    await a.post(`/tables/${scratchTable.body.id}/agencies`, { agencyId: f.agencies.police.id }).expect(201);
    const partial = { ...base, scratch: { tableId: scratchTable.body.id } } as unknown as Ctx;
    const scratchUser = await newUser(partial, 'police');
    const grantUserId = await newGrant(partial);
    const otherNotificationId = await newNotification(base, scratchUser.id);
    const locked = await newUser(partial, 'police');
    for (let i = 0; i < 10; i++) {
      const res = await api.call('post', '/auth/login', undefined, { email: locked.email, password: 'not-the-right-passphrase-1' });
      if (res.status === 429) break;
    }
    await api.call('post', '/auth/login', undefined, { email: locked.email, password: PASSWORD }).expect(429);

    // the equity notice's contact (issue 19): the walk records equity answers once assigned
    await a.patch(`/tables/${f.tableId}`, { equityContactTitle: 'Privacy officer', equityContactEmail: 'privacy@example.test' }).expect(200);
    const situations = {} as Record<WalkState, string>;
    for (const s of ['SUBMITTED', 'DEFERRED', 'ACCEPTED', 'REJECTED', 'WITHDRAWN', 'ASSIGNED', 'MOBILIZED', 'CLOSED', 'PURGED'] as const) situations[s] = await walk(base, s);
    const closedMeeting = await newMeeting(base);
    await api.as(f.coordinator.token).post(`/meetings/${closedMeeting}/close`).expect(200);

    x = {
      ...base,
      tokens,
      users,
      situations,
      meetings: { OPEN: await newMeeting(base), CLOSED: closedMeeting },
      scratch: { tableId: scratchTable.body.id, grantUserId, userId: scratchUser.id, otherNotificationId, lockedEmail: locked.email },
      walk: (s) => walk(base, s),
    };
  }, 120_000);

  afterAll(async () => {
    process.stdout.write(
      `\nauthorisation matrix: ${checked} cells checked over ${Object.keys(MATRIX).length} routes and ${CALLER_NAMES.length} callers in ${((Date.now() - started) / 1000).toFixed(1)} s (fixture ${fixtureSeconds.toFixed(1)} s)\n`,
    );
    await x?.owner.end();
    await x?.t.close();
  });

  it('names exactly the routes the application serves (a new route needs matrix rows)', () => {
    const served = routeKeys(x.t.app).sort();
    const tabled = Object.keys(MATRIX).sort();
    expect({ withoutMatrixRows: served.filter((k) => !tabled.includes(k)), noLongerServed: tabled.filter((k) => !served.includes(k)) }).toEqual({
      withoutMatrixRows: [],
      noLongerServed: [],
    });
  });

  it('signs the expired token as the app would: the same token unexpired is accepted', async () => {
    const now = Math.floor(Date.now() / 1000);
    const tv = (await x.owner.query<{ token_version: number }>('SELECT token_version FROM users WHERE id = $1', [x.f.coordinator.id])).rows[0].token_version;
    const valid = signJwt({ sub: x.f.coordinator.id, jti: randomUUID(), tv, iat: now, exp: now + 600 }, x.t.config.secrets.jwtSecret);
    await x.api.as(valid).get('/auth/me').expect(200);
  });

  /**
   * Every cell's request, sent before the cells assert (a few at a time: the run stays well under
   * three minutes on two cores). Cells that change nothing share the standing's resources; a cell
   * expected to succeed on a mutating route builds its own (a fresh situation, meeting, user...).
   */
  beforeAll(async () => {
    fixtureSeconds = (Date.now() - started) / 1000;
    const queue = CELLS.map((cell, i) => ({ cell, i }));
    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) results[next.i] = await send(next.cell).catch((err: Error) => ({ error: err }));
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  }, 600_000);

  async function send(cell: Cell): Promise<Outcome> {
    const spec = MATRIX[cell.route];
    const fresh = spec.mutating && cell.status >= 200 && cell.status < 300;
    const req = await spec.request(x, cell.caller, cell.standing, fresh);
    let token = req.token ?? x.tokens[cell.caller];
    // A successful logout ends a session of its own, not the caller's matrix token.
    if (fresh && cell.route === 'POST /api/v1/auth/logout') token = await x.api.login(x.users[cell.caller]!.email, passwordOf(cell.caller));
    let r = checkedRequest(x.t)[req.method](req.path.startsWith('/health') ? req.path : `/api/v1${req.path}`);
    if (token) r = r.set('authorization', `Bearer ${token}`);
    const res = req.body === undefined ? await r : await r.send(req.body as object);
    return { req, status: res.status, body: res.body as unknown, text: res.text };
  }

  it.each(CELLS.map((c, i) => [`${shortName(c.route)} | ${c.caller} | ${c.standing} → ${c.status}`, i] as const))('%s', (_name, i) => {
    const cell = CELLS[i];
    const outcome = results[i];
    if (!outcome) throw new Error('the request was not sent');
    if ('error' in outcome) throw outcome.error;
    const { req, status } = outcome;
    if (status !== cell.status) {
      throw new Error(`${req.method.toUpperCase()} ${req.path} as ${cell.caller} (${cell.standing}): expected ${cell.status}, got ${status} ${outcome.text.slice(0, 300)}`);
    }
    if (status >= 400) expect(outcome.body).toMatchObject({ statusCode: status, error: expect.any(String), message: expect.any(String), code: expect.any(String) });
    checked++;
  });

  it('checked at least 500 cells', () => {
    expect(CELLS.length).toBeGreaterThanOrEqual(500);
    expect(checked).toBe(CELLS.length);
  });
});
