// Seeding: the few administrative objects through the HTTP API (as an administrator would), the
// bulk (situations, audit entries) through SQL, identity vault rows through the API again.
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { ApiClient, inBatches } from './api';
import { BenchConfig } from './config';
import { fmt, say } from './log';
import { seedAudit } from './seed-audit';
import { SeededSituations, seedSituations } from './seed-situations';
import { Corpus } from './data';

export const AGENCY_SECTORS = [
  'POLICE',
  'HEALTH',
  'HOUSING',
  'EDUCATION',
  'MENTAL_HEALTH_ADDICTIONS',
  'CHILD_FAMILY_SERVICES',
  'INCOME_SOCIAL_SERVICES',
  'VICTIM_SERVICES',
  'JUSTICE',
  'SENIORS_SERVICES',
] as const;

export interface Member {
  id: string;
  email: string;
  agencyId: string;
  token: string;
}

export interface Fixture {
  password: string;
  admin: { id: string; email: string; token: string };
  agencies: { id: string; sector: string }[];
  /** tables[0] is the big table */
  tables: { id: string; code: string }[];
  coordinator: Member;
  /** one representative per agency, in the order of `agencies` */
  reps: Member[];
  privacy: Member;
  analyst: Member;
  meetingId: string;
}

export interface SeedResult {
  fixture: Fixture;
  situations: SeededSituations;
  /** big-table situations with an identity vault row, readable by reps[0] */
  identitySituationIds: string[];
  auditEntries: { bigChain: number; total: number; seconds: number };
  seconds: { api: number; situations: number; audit: number; identities: number; analyze: number };
}

export const adminCredentials = () => ({ email: 'bench-admin@example.test', password: `bench-${randomBytes(12).toString('base64url')}` });

export async function seed(cfg: BenchConfig, api: ApiClient, ownerUrl: string, admin: { email: string; password: string }, corpus: Corpus): Promise<SeedResult> {
  let t0 = performance.now();
  const fixture = await seedThroughApi(cfg, api, admin);
  const apiSeconds = (performance.now() - t0) / 1000;
  say(`API set-up done: ${fixture.agencies.length} agencies, ${fixture.tables.length} tables, ${3 + fixture.reps.length} users (${apiSeconds.toFixed(1)} s)`);

  // Two owner connections: one statement in flight on each while the next batch is prepared.
  const owners = [new Client({ connectionString: ownerUrl, application_name: 'st-bench-seed' }), new Client({ connectionString: ownerUrl, application_name: 'st-bench-seed' })];
  const owner = owners[0];
  try {
    for (const c of owners) {
      await c.connect();
      await c.query('SET synchronous_commit = off');
    }
    t0 = performance.now();
    const situations = await seedSituations(owners, cfg, fixture, corpus);
    const situationSeconds = (performance.now() - t0) / 1000;

    t0 = performance.now();
    const audit = await seedAudit(owners, cfg, fixture, situations);
    const auditSeconds = (performance.now() - t0) / 1000;

    t0 = performance.now();
    const identitySituationIds = await seedIdentities(cfg, api, owner, fixture);
    const identitySeconds = (performance.now() - t0) / 1000;

    t0 = performance.now();
    say('VACUUM ANALYZE and CHECKPOINT after the bulk load');
    await owner.query('VACUUM (ANALYZE) situations');
    await owner.query('VACUUM (ANALYZE) audit_entries');
    await owner.query('ANALYZE');
    await owner.query('CHECKPOINT');
    const analyzeSeconds = (performance.now() - t0) / 1000;
    say(`ANALYZE done (${analyzeSeconds.toFixed(1)} s)`);
    return {
      fixture,
      situations,
      identitySituationIds,
      auditEntries: { ...audit, seconds: auditSeconds },
      seconds: { api: apiSeconds, situations: situationSeconds, audit: auditSeconds, identities: identitySeconds, analyze: analyzeSeconds },
    };
  } finally {
    for (const c of owners) await c.end().catch(() => undefined);
  }
}

// ---- through the API -----------------------------------------------------------------------------------

async function seedThroughApi(cfg: BenchConfig, api: ApiClient, adminCreds: { email: string; password: string }): Promise<Fixture> {
  const password = `bench-user-${randomBytes(9).toString('base64url')}`;
  const adminToken = await api.login(adminCreds.email, adminCreds.password);
  const me = await api.must<{ id: string }>(200, 'GET', '/api/v1/auth/me', adminToken);
  const post = <T>(path: string, body: unknown, token = adminToken) => api.must<T>(201, 'POST', `/api/v1${path}`, token, body);

  say('API set-up: agencies, tables, users, role grants');
  const agencies = await inBatches(AGENCY_SECTORS, 4, async (sector) => {
    const a = await post<{ id: string }>('/agencies', { name: `Bench ${sector.toLowerCase().replace(/_/g, ' ')} agency`, sector });
    return { id: a.id, sector };
  });
  const width = Math.max(2, String(cfg.tables).length);
  const tables: { id: string; code: string }[] = [];
  for (let i = 0; i < cfg.tables; i++) {
    const n = String(i + 1).padStart(width, '0');
    const t = await post<{ id: string; code: string }>('/tables', { name: `Bench table ${n}`, region: `Region ${n}`, code: `B${n}` });
    tables.push({ id: t.id, code: t.code });
  }
  const seats = tables.flatMap((t) => agencies.map((a) => ({ tableId: t.id, agencyId: a.id })));
  await inBatches(seats, 8, (s) => post(`/tables/${s.tableId}/agencies`, { agencyId: s.agencyId }));

  const makeUser = async (label: string, agencyId: string): Promise<Omit<Member, 'token'>> => {
    const email = `bench-${label}@example.test`;
    // An administrator's password is temporary: the user signs in with it once and chooses their own.
    const temporary = `bench-temporary-${randomBytes(9).toString('base64url')}`;
    const u = await post<{ id: string }>('/users', { email, displayName: `Bench ${label}`, password: temporary, agencyId });
    const first = await api.login(email, temporary);
    await api.must(204, 'POST', '/api/v1/auth/password', first, { currentPassword: temporary, newPassword: password });
    return { id: u.id, email, agencyId };
  };
  const byIndex = (sector: string) => agencies.find((a) => a.sector === sector)!.id;
  const [coordinator, privacy, analyst, ...reps] = await inBatches(
    [['coordinator', byIndex('HEALTH')], ['privacy-officer', byIndex('HOUSING')], ['analyst', byIndex('EDUCATION')], ...agencies.map((a, i) => [`rep-${i + 1}`, a.id])] as [
      string,
      string,
    ][],
    4,
    ([label, agencyId]) => makeUser(label, agencyId),
  );
  // The coordinator, privacy officer and analyst serve every table; the representatives sit at the big one.
  const grants = tables.flatMap((t, i) => [
    { tableId: t.id, userId: coordinator.id, role: 'COORDINATOR' },
    { tableId: t.id, userId: privacy.id, role: 'PRIVACY_OFFICER' },
    { tableId: t.id, userId: analyst.id, role: 'ANALYST' },
    ...(i === 0 ? reps.map((r) => ({ tableId: t.id, userId: r.id, role: 'AGENCY_REP' })) : []),
  ]);
  await inBatches(grants, 8, (g) => post(`/tables/${g.tableId}/roles`, { userId: g.userId, role: g.role }));
  const signIn = async (u: Omit<Member, 'token'>): Promise<Member> => ({ ...u, token: await api.login(u.email, password) });
  const members = await inBatches([coordinator, privacy, analyst, ...reps], 4, signIn);
  const meeting = await post<{ id: string }>(
    `/tables/${tables[0].id}/meetings`,
    { scheduledFor: new Date(Date.now() + 2 * 86_400_000).toISOString(), kind: 'REGULAR' },
    members[0].token,
  );
  return {
    password,
    admin: { id: me.id, email: adminCreds.email, token: adminToken },
    agencies,
    tables,
    coordinator: members[0],
    privacy: members[1],
    analyst: members[2],
    reps: members.slice(3),
    meetingId: meeting.id,
  };
}

/**
 * Identity vault rows through PUT /situations/:id/identity (encrypted by the server), on assigned
 * or mobilised situations of the big table whose originating or lead agency is reps[0]'s.
 */
async function seedIdentities(cfg: BenchConfig, api: ApiClient, owner: Client, f: Fixture): Promise<string[]> {
  const rep = f.reps[0];
  // The identity below is a person's: a family, a group or a place has a subject of its own kind.
  const rows = await owner.query<{ id: string }>(
    `SELECT id FROM situations WHERE table_id = $1 AND status IN ('ASSIGNED','MOBILIZED') AND situation_type = 'PERSON'
       AND (originating_agency_id = $2 OR lead_agency_id = $2)
     ORDER BY created_at LIMIT $3`,
    [f.tables[0].id, rep.agencyId, cfg.identities],
  );
  const ids = rows.rows.map((r) => r.id);
  say(`writing ${ids.length} identity vault rows through the API`);
  await inBatches(ids, 8, (id, i) =>
    api.must(204, 'PUT', `/api/v1/situations/${id}/identity`, rep.token, {
      givenName: pickName(i, ['Alex', 'Sam', 'Jordan', 'Taylor', 'Morgan', 'Charlie', 'Dominique', 'Camille']),
      familyName: pickName(i, ['Tremblay', 'Martin', 'Roy', 'Gagnon', 'Smith', 'Brown', 'Wilson', 'Singh']),
      dateOfBirth: `19${60 + (i % 40)}-0${1 + (i % 9)}-1${i % 10}`,
      address: `${100 + i} Example Street, Unit ${1 + (i % 20)}`,
      phone: `613-555-01${String(i % 100).padStart(2, '0')}`,
      legalAuthority: 'MFIPPA_S32_H',
    }),
  );
  say(`identity vault rows written: ${fmt(ids.length)}`);
  return ids;
}

const pickName = (i: number, names: string[]) => names[i % names.length];
