import { propagate } from '../support/attacker';
import { hkdfSync } from 'node:crypto';
import { cellDraw, randomRound } from '../../src/modules/reports/disclosure';
import { Api, buildTable, TableFixture } from '../support/api';
import { MEETS, submit, walkTo } from '../support/situations';
import { TEST_MASTER_KEY, TestApp } from '../support/test-app';
import { openWorld } from '../support/world';
import type { Client } from 'pg';
import { DataSource, type QueryRunner } from 'typeorm';
import { RegionAuditChains1765210000000 } from '../../migrations/1765210000000-RegionAuditChains';
import { IndicatorRepository } from '../../src/modules/reports/indicator.repository';
import { AuditService } from '../../src/modules/audit/audit.service';
import { parseCsv } from '../support/csv';
import { pdfText } from '../support/pdf-text';
import type { Breakdown, Rate } from '../support/report-views';

/**
 * Regions and REGIONAL_ANALYST (docs/evaluation.md, section 7, R3 and relation (c) of R6): the
 * administrator's routes and their refusals, the exclusion of the role with row-level table roles,
 * the region's indicators against a naive reference over the member tables' rows, and the privacy
 * of the region's and its tables' figures together.
 */

type View = Record<string, unknown> & { period: string; from: string; to: string };
interface Row {
  table_id: string;
  created_at: Date;
  status: string;
  decision_outcome: string | null;
  decided_at: Date | null;
  situation_type: string;
  originating_sector: string;
}

const YEAR = 2025;
const KEY = Buffer.from(hkdfSync('sha256', Buffer.from(TEST_MASTER_KEY, 'base64'), Buffer.alloc(0), 'situation-table/report-rounding/v1', 32));
const publishIn = (scope: string, cell: string, n: number) => (n < 5 ? null : randomRound(n, cellDraw(KEY, [scope, cell, String(n)])));

describe('regions and REGIONAL_ANALYST', () => {
  let t: TestApp;
  let api: Api;
  let f: TableFixture;
  let g: TableFixture;
  let owner: Client;
  let close: () => Promise<void>;
  let regionId: string;
  let analyst: { id: string; token: string };
  let rows: Row[];
  let planted: string;

  /** Moves the application's clock to an instant (the membership of a year is set before it begins). */
  const clockAt = (iso: string) => {
    t.clock.reset();
    t.clock.advance(new Date(iso).getTime() - Date.now());
  };

  beforeAll(async () => {
    ({ t, api, f, owner, close } = await openWorld());
    g = await buildTable(api, { code: 'SEC' });
    const user = await api.createUser(f.admin.token, { email: `regional-${Date.now()}@example.test`, displayName: 'Regional Analyst', agencyId: f.agencies.health.id });
    analyst = { id: user.id, token: await api.login(user.email) };
  }, 120_000);
  afterAll(() => close());

  describe('administration', () => {
    it('creates a region (ADMIN only), refusing a bad code, a bad time zone and a code taken', async () => {
      const a = api.as(f.admin.token);
      await api.as(f.coordinator.token).post('/regions', { code: 'PEEL', nameEn: 'Peel', nameFr: 'Peel' }).expect(403);
      await a.post('/regions', { code: 'peel', nameEn: 'Peel', nameFr: 'Peel' }).expect(400);
      await a.post('/regions', { code: 'PEEL', nameEn: '', nameFr: 'Peel' }).expect(400);
      await a.post('/regions', { code: 'PEEL', nameEn: 'Peel', nameFr: 'Peel', timeZone: 'Mars/Olympus' }).expect(400);
      await a.post('/regions', { code: 'PEEL', nameEn: 'Peel', nameFr: 'Peel', timeZone: 42 }).expect(400);
      const res = await a.post('/regions', { code: 'PEEL', nameEn: 'Peel Region', nameFr: 'Région de Peel' }).set('accept-language', 'fr').expect(201);
      expect(res.body).toMatchObject({ code: 'PEEL', name: 'Région de Peel', timeZone: 'America/Toronto', years: [], analysts: [] });
      regionId = res.body.id;
      const taken = await a.post('/regions', { code: 'PEEL', nameEn: 'Again', nameFr: 'Encore' }).expect(409);
      expect(taken.body.details.reason).toBe('REGION_CODE_TAKEN');
    });

    it("sets a year's members before the year begins, and never a year begun", async () => {
      const a = api.as(f.admin.token);
      clockAt('2023-12-01T12:00:00Z');
      try {
        const res = await a.put(`/regions/${regionId}/members/${YEAR}`, { tableIds: [f.tableId, g.tableId] }).expect(200);
        expect(res.body.years).toEqual([{ year: YEAR, publishes: true, tables: expect.arrayContaining([{ tableId: f.tableId, name: expect.any(String) }]) }]);
        // 2024: one table only, so the region publishes nothing that year (R3)
        const one = await a.put(`/regions/${regionId}/members/2024`, { tableIds: [f.tableId] }).expect(200);
        expect(one.body.years.find((y: { year: number }) => y.year === 2024)).toMatchObject({ publishes: false });
        // the current year is fixed
        expect((await a.put(`/regions/${regionId}/members/2023`, { tableIds: [f.tableId] }).expect(409)).body.details.reason).toBe('REGION_YEAR_FIXED');
        // bad input: a year, a list, ids, a table of another time zone; another region holding a table that year
        await a.put(`/regions/${regionId}/members/20x5`, { tableIds: [] }).expect(400);
        await a.put(`/regions/${regionId}/members/2099`, { tableIds: [] }).expect(400);
        await a.put(`/regions/${regionId}/members/2026`, { tableIds: 'all' }).expect(400);
        await a.put(`/regions/${regionId}/members/2026`, { tableIds: ['not-a-uuid'] }).expect(400);
        await a.put(`/regions/${regionId}/members/2026`, { tableIds: ['00000000-0000-4000-8000-000000000000'] }).expect(400);
        await a.put(`/regions/${regionId}/members/2026`, { tableIds: [f.tableId, f.tableId] }).expect(400);
        const far = await a.post('/tables', { name: `Far table ${Date.now()}`, code: 'FAR', timeZone: 'America/Vancouver' }).expect(201);
        await a.put(`/regions/${regionId}/members/2026`, { tableIds: [far.body.id] }).expect(400);
        const other = await a.post('/regions', { code: 'OTHER-1', nameEn: 'Other', nameFr: 'Autre' }).expect(201);
        expect((await a.put(`/regions/${other.body.id}/members/${YEAR}`, { tableIds: [f.tableId] }).expect(409)).body.details.reason).toBe('TABLE_IN_ANOTHER_REGION');
        await a.put(`/regions/00000000-0000-4000-8000-000000000000/members/2026`, { tableIds: [] }).expect(404);
        await api.as(f.coordinator.token).put(`/regions/${regionId}/members/2026`, { tableIds: [] }).expect(403);
      } finally {
        t.clock.reset();
      }
      // now 2025 has begun: fixed
      await a.put(`/regions/${regionId}/members/${YEAR}`, { tableIds: [f.tableId] }).expect(409);
    });

    it('grants REGIONAL_ANALYST, never to a coordinator or agency representative of a member table, nor the reverse', async () => {
      const a = api.as(f.admin.token);
      await api.as(f.coordinator.token).post(`/regions/${regionId}/analysts`, { userId: analyst.id }).expect(403);
      await a.post(`/regions/${regionId}/analysts`, { userId: 'nobody' }).expect(400);
      await a.post(`/regions/${regionId}/analysts`, {}).expect(400);
      await a.post(`/regions/${regionId}/analysts`, { userId: f.admin.id }).expect(403);
      for (const holder of [f.coordinator, f.reps.police, g.coordinator]) {
        expect((await a.post(`/regions/${regionId}/analysts`, { userId: holder.id }).expect(409)).body.details.reason).toBe('REGION_ROLE_CONFLICT');
      }
      const res = await a.post(`/regions/${regionId}/analysts`, { userId: analyst.id }).expect(201);
      expect(res.body).toMatchObject({ regionId, userId: analyst.id });
      expect((await a.post(`/regions/${regionId}/analysts`, { userId: analyst.id }).expect(409)).body.details.reason).toBe('REGION_ROLE_ALREADY_GRANTED');
      // the reverse: a regional analyst is made no coordinator or representative of a member table; an analyst may be
      for (const role of ['COORDINATOR', 'AGENCY_REP']) {
        expect((await a.post(`/tables/${f.tableId}/roles`, { userId: analyst.id, role }).expect(409)).body.details.reason).toBe('REGION_ROLE_CONFLICT');
      }
      // the administrator's list names the analyst; the analyst sees their region only, without analysts; others see none
      const all = (await a.get('/regions').expect(200)).body;
      expect(all.find((r: { id: string }) => r.id === regionId).analysts).toEqual([{ userId: analyst.id, displayName: 'Regional Analyst', grantedAt: expect.any(String) }]);
      const mine = (await api.as(analyst.token).get('/regions').expect(200)).body;
      expect(mine.map((r: { id: string }) => r.id)).toEqual([regionId]);
      expect(mine[0].analysts).toBeUndefined();
      expect((await api.as(f.coordinator.token).get('/regions').expect(200)).body).toEqual([]);
      // every change is in the region's own trail (R12), with ids and codes, and none on the system chain
      const audited = await owner.query(`SELECT action, chain_id FROM audit_entries WHERE action LIKE 'region.%' AND details::jsonb->>'regionId' = $1 ORDER BY seq`, [regionId]);
      expect(audited.rows.map((r: { action: string }) => r.action)).toEqual(['region.create', 'region.members', 'region.members', 'region.role.grant']);
      expect(new Set(audited.rows.map((r: { chain_id: string }) => r.chain_id))).toEqual(new Set([`region:${regionId}`]));
    });

    it('revokes the role (404 when not held)', async () => {
      const a = api.as(f.admin.token);
      const other = await api.createUser(f.admin.token, { email: `regional-2-${Date.now()}@example.test`, displayName: 'Second', agencyId: f.agencies.school.id });
      const token = await api.login(other.email);
      const me = api.as(token);
      expect((await me.get('/auth/me').expect(200)).body.regionIds).toEqual([]);
      await a.post(`/regions/${regionId}/analysts`, { userId: other.id }).expect(201);
      // the user's regions come with the user, and the cached principal learns of the grant at once
      expect((await me.get('/auth/me').expect(200)).body.regionIds).toEqual([regionId]);
      await me.get(`/regions/${regionId}/reports/indicators?period=2025`).expect(200);
      await a.delete(`/regions/${regionId}/analysts/${other.id}`).expect(204);
      // ... and of the revocation: the region is gone for the user on the next request
      expect((await me.get('/auth/me').expect(200)).body.regionIds).toEqual([]);
      await me.get(`/regions/${regionId}/reports/indicators?period=2025`).expect(404);
      await a.delete(`/regions/${regionId}/analysts/${other.id}`).expect(404);
      await api.as(f.coordinator.token).delete(`/regions/${regionId}/analysts/${analyst.id}`).expect(403);
      // once revoked, a table role is possible again
      await a.post(`/tables/${f.tableId}/roles`, { userId: other.id, role: 'AGENCY_REP' }).expect(201);
    });
  });

  describe('indicators', () => {
    beforeAll(async () => {
      // table f: 8 closed, 4 rejected, 3 submitted; table g: 6 closed, 3 mobilised, 3 rejected, 2 submitted
      for (const [fx, plan] of [
        [f, { CLOSED: 8, REJECTED: 4, SUBMITTED: 3 }],
        [g, { CLOSED: 6, MOBILIZED: 3, REJECTED: 3, SUBMITTED: 2 }],
      ] as const)
        for (const [status, n] of Object.entries(plan)) for (let i = 0; i < n; i++) await walkTo(api, fx, status as 'CLOSED');
      await submit(api, f, f.reps.school.token, { ...MEETS, situationType: 'FAMILY', ageBand: '12-15' });
      // spread over the months of YEAR, every time of a situation moved with its referral
      await owner.query(
        `WITH o AS (SELECT id, created_at, row_number() OVER (ORDER BY created_at, id) - 1 AS i FROM situations WHERE table_id = ANY($1::uuid[])),
              d AS (SELECT id, make_timestamptz($2, 1 + (i % 12)::int, 3 + (i % 20)::int, 14, 0, 0, 'America/Toronto') - created_at AS shift FROM o)
         UPDATE situations s SET created_at = s.created_at + d.shift, decided_at = s.decided_at + d.shift, first_assigned_at = s.first_assigned_at + d.shift,
                last_assigned_at = s.last_assigned_at + d.shift, mobilization_assigned_at = s.mobilization_assigned_at + d.shift, mobilized_at = s.mobilized_at + d.shift
         FROM d WHERE d.id = s.id`,
        [[f.tableId, g.tableId], YEAR],
      );
      // a planted cell: 3 referrals of one sector at each table in August, no more anywhere (the region's 6 alone would say each table's is not empty)
      const sectors: { code: string }[] = (await api.as(f.analyst.token).get('/taxonomy').expect(200)).body.sectors;
      planted = sectors.map((x) => x.code).find((code) => !['POLICE', 'EDUCATION', 'HEALTH', 'HOUSING'].includes(code))!;
      for (const table of [f.tableId, g.tableId])
        await owner.query(
          `WITH p AS (SELECT id, created_at, row_number() OVER (ORDER BY id) AS k FROM situations WHERE table_id = $1 ORDER BY id LIMIT 3),
                d AS (SELECT id, make_timestamptz($2, 8, 4 + k::int, 14, 0, 0, 'America/Toronto') - created_at AS shift FROM p)
           UPDATE situations s SET originating_sector = $3, created_at = s.created_at + d.shift, decided_at = s.decided_at + d.shift,
                  first_assigned_at = s.first_assigned_at + d.shift, last_assigned_at = s.last_assigned_at + d.shift,
                  mobilization_assigned_at = s.mobilization_assigned_at + d.shift, mobilized_at = s.mobilized_at + d.shift
           FROM d WHERE d.id = s.id`,
          [table, YEAR, planted],
        );
      rows = (
        await owner.query(
          `SELECT table_id, created_at, status, decision_outcome, decided_at, situation_type, originating_sector FROM situations WHERE table_id = ANY($1::uuid[])`,
          [[f.tableId, g.tableId]],
        )
      ).rows;
      expect(rows).toHaveLength(30);
      expect(rows.filter((r) => r.originating_sector === planted)).toHaveLength(6);
    }, 240_000);

    it("reads the member tables together as each alone: the scan's and every child table's counts (services, leads, barriers, repeats) grouped by table", async () => {
      const repo = t.app.get(IndicatorRepository);
      const bounds = Array.from({ length: 13 }, (_, m) => new Date(Date.UTC(YEAR, m, 1, 5)));
      const now = new Date();
      const together = await repo.readTables([f.tableId, g.tableId], bounds, now, []);
      const plain = (x: unknown) => JSON.parse(JSON.stringify(x, (_k, v: unknown) => (v instanceof Map ? [...(v as Map<string, number>)].sort() : v)));
      for (const tableId of [f.tableId, g.tableId]) {
        const alone = await repo.read({ tableId, bounds, now }, [bounds[0], bounds[12]]);
        expect(plain(together.months.get(tableId))).toEqual(plain(alone.months));
      }
      // the child tables' counts are there to compare, and differ between the tables (a swap would show): mobilisations, leads given
      const year = (id: string) => together.months.get(id)!.reduce((n, m) => n + m.mobilized + m.leadsGiven, 0);
      expect(year(f.tableId)).toBeGreaterThan(0);
      expect(year(g.tableId)).toBeGreaterThan(0);
      expect(year(f.tableId)).not.toBe(year(g.tableId));
    });

    const inPeriod = (v: View, table?: string) => rows.filter((r) => (!table || r.table_id === table) && r.created_at >= new Date(v.from) && r.created_at < new Date(v.to));
    const countBy = (list: Row[], key: (r: Row) => string) => {
      const m = new Map<string, number>();
      for (const r of list) m.set(key(r), (m.get(key(r)) ?? 0) + 1);
      return m;
    };
    /** Every published count is the reference's publication of the exact count under the scope's draws; below 5, withheld. */
    function expectBreakdown(scope: string, b: Breakdown, name: string, populationCell: string, population: number, counts: Map<string, number>): number {
      if (b.suppressed) {
        expect(b.cells).toEqual([]);
        return 0;
      }
      expect(b.population).toBe(publishIn(scope, populationCell, population));
      let checked = 1;
      for (const cell of b.cells) {
        const exact = counts.get(cell.code) ?? 0;
        if (exact < 5) expect(cell).toMatchObject({ count: null, suppressed: true });
        if (!cell.suppressed) {
          expect(cell.count).toBe(publishIn(scope, `${name}:${cell.code}`, exact));
          checked++;
        }
      }
      return checked;
    }

    it('answers 404 to anyone but its analysts and administrators, 400 to a bad period', async () => {
      for (const token of [f.coordinator.token, f.analyst.token, g.privacy.token]) await api.as(token).get(`/regions/${regionId}/reports/indicators?period=${YEAR}`).expect(404);
      await api.as(f.analyst.token).get(`/regions/${regionId}/reports/trend`).expect(404);
      await api.as(analyst.token).get('/regions/00000000-0000-4000-8000-000000000000/reports/indicators').expect(404);
      await api.as(analyst.token).get('/regions/nope/reports/indicators').expect(404);
      await api.as(analyst.token).get(`/regions/${regionId}/reports/indicators?period=2025-13`).expect(400);
      await api.as(analyst.token).get(`/regions/${regionId}/reports/indicators?from=2025-01-01`).expect(400);
      await api.as(analyst.token).get(`/regions/${regionId}/reports/trend?through=2025-07`).expect(400);
      await api.as(f.admin.token).get(`/regions/${regionId}/reports/indicators?period=${YEAR}`).expect(200);
      // a year of one member table publishes nothing (R3)
      const lone = (await api.as(analyst.token).get(`/regions/${regionId}/reports/indicators?period=2024`).expect(200)).body;
      expect(lone).toMatchObject({ published: false, memberTables: [], referrals: { population: null, suppressed: true } });
    });

    for (const lang of ['en', 'fr'] as const) {
      it(`publishes the region's indicators as the reference computes them over its member tables, and each table's as its own route does (${lang})`, async () => {
        const taxonomy = (await api.as(f.analyst.token).get('/taxonomy').set('accept-language', lang).expect(200)).body;
        const typeLabels = new Map(taxonomy.situationTypes.map((x: { code: string; label: string }) => [x.code, x.label]));
        let checked = 0;
        for (const period of [String(YEAR), `${YEAR}-Q2`]) {
          const v = (await api.as(analyst.token).get(`/regions/${regionId}/reports/indicators?period=${period}`).set('accept-language', lang).expect(200)).body;
          expect(v).toMatchObject({
            regionId,
            regionCode: 'PEEL',
            regionName: lang === 'fr' ? 'Région de Peel' : 'Peel Region',
            published: true,
            period,
            language: lang,
            tableId: null,
          });
          const scope = `region:${regionId}`;
          const list = inPeriod(v);
          checked += expectBreakdown(
            scope,
            v.referrals,
            'status',
            'total',
            list.length,
            countBy(list, (r) => r.status),
          );
          checked += expectBreakdown(
            scope,
            v.originatingSectors,
            'originating_sector',
            'total',
            list.length,
            countBy(list, (r) => r.originating_sector),
          );
          checked += expectBreakdown(
            scope,
            v.situationTypes,
            'situation_type',
            'total',
            list.length,
            countBy(list, (r) => r.situation_type),
          );
          for (const c of (v.situationTypes as Breakdown).cells) expect(c.label).toBe(typeLabels.get(c.code));
          const decided = list.filter((r) => r.decision_outcome !== null && r.decided_at !== null);
          const accepted = decided.filter((r) => r.decision_outcome === 'AER').length;
          const rate = v.acceptanceRate as Rate;
          if (accepted < 5 || decided.length - accepted < 5) expect(rate.suppressed).toBe(true);
          else if (!rate.suppressed) {
            expect(rate.n).toBe(publishIn(scope, 'rate:accepted:whole', decided.length));
            expect(rate.value).toBe(Math.min(1, Math.round((publishIn(scope, 'rate:accepted:part', accepted)! / rate.n!) * 1000) / 1000));
          }
          // each member's key figures: its draws, and the very figures its own route publishes (R1)
          expect(v.memberTables.map((m: { tableId: string }) => m.tableId).sort()).toEqual([f.tableId, g.tableId].sort());
          for (const m of v.memberTables) {
            const own = (
              await api
                .as(m.tableId === f.tableId ? f.analyst.token : g.analyst.token)
                .get(`/tables/${m.tableId}/reports/indicators?period=${period}`)
                .set('accept-language', lang)
                .expect(200)
            ).body;
            for (const k of ['referrals', 'acceptanceRate', 'mobilizedWithin48HoursOfDecision', 'riskLoweredShare', 'policeLeadShare', 'policeOriginShare', 'minorsShare'])
              expect(m[k]).toEqual(own[k]);
            const mine = inPeriod(v, m.tableId);
            checked += expectBreakdown(
              m.tableId,
              m.referrals,
              'status',
              'total',
              mine.length,
              countBy(mine, (r) => r.status),
            );
          }
        }
        expect(checked).toBeGreaterThan(5);
      });
    }

    it("gives each point of the region's trend the very figures its quarter publishes", async () => {
      const trend = (await api.as(analyst.token).get(`/regions/${regionId}/reports/trend?through=${YEAR}-Q4`).expect(200)).body;
      expect(trend.quarters.map((q: { period: string }) => q.period)).toEqual(['2024-Q1', '2024-Q2', '2024-Q3', '2024-Q4', '2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4']);
      for (const point of trend.quarters) {
        const q = (await api.as(analyst.token).get(`/regions/${regionId}/reports/indicators?period=${point.period}`).expect(200)).body;
        expect(point.referrals).toBe(q.referrals.population);
        expect(point.acceptanceRate).toEqual(q.acceptanceRate);
        // 2024: one member table, nothing published
        if (point.period.startsWith('2024')) expect(point.referrals).toBeNull();
      }
      expect(trend.quarters.filter((q: { referrals: number | null }) => q.referrals !== null).length).toBeGreaterThan(0);
      const audited = await owner.query(`SELECT details::jsonb AS details FROM audit_entries WHERE action = 'report.region' AND chain_id = $1`, [`region:${regionId}`]);
      expect(audited.rows.some((r: { details: { route: string; through?: string } }) => r.details.route === 'trend' && r.details.through === `${YEAR}-Q4`)).toBe(true);
      expect(audited.rows.some((r: { details: { route: string; period?: string } }) => r.details.route === 'indicators' && r.details.period === `${YEAR}-Q2`)).toBe(true);
    });

    it("never lets the region's and its tables' figures of every period together bound a withheld count of 1 to 4", async () => {
      const periods = [String(YEAR), ...[1, 2, 3, 4].map((q) => `${YEAR}-Q${q}`), ...Array.from({ length: 12 }, (_, i) => `${YEAR}-${String(i + 1).padStart(2, '0')}`)];
      const scopes = ['region', f.tableId, g.tableId];
      const single: [string, (r: Row) => string][] = [
        ['referrals', (r) => r.status],
        ['originatingSectors', (r) => r.originating_sector],
        ['situationTypes', (r) => r.situation_type],
      ];
      const exact = new Map<string, number>();
      const shown = new Map<string, number | null>();
      const relations: [string, string[]][] = [];
      const codes = new Map<string, Set<string>>();
      const views = new Map<string, View>();
      for (const p of periods) {
        views.set(`region|${p}`, (await api.as(analyst.token).get(`/regions/${regionId}/reports/indicators?period=${p}`).expect(200)).body);
        for (const fx of [f, g]) views.set(`${fx.tableId}|${p}`, (await api.as(fx.analyst.token).get(`/tables/${fx.tableId}/reports/indicators?period=${p}`).expect(200)).body);
      }
      for (const [b, key] of single) codes.set(b, new Set([...views.values()].flatMap((v) => (v[b] as Breakdown).cells.map((c) => c.code)).concat(rows.map(key))));
      for (const s of scopes)
        for (const p of periods) {
          const v = views.get(`${s}|${p}`)!;
          const list = inPeriod(v, s === 'region' ? undefined : s);
          for (const [b, key] of single) {
            const bd = v[b] as Breakdown;
            shown.set(`${s}|${p}|${b}`, bd.population);
            exact.set(`${s}|${p}|${b}`, list.length);
            const counts = countBy(list, key);
            for (const code of codes.get(b)!) {
              shown.set(`${s}|${p}|${b}:${code}`, bd.cells.find((c) => c.code === code)?.count ?? null);
              exact.set(`${s}|${p}|${b}:${code}`, counts.get(code) ?? 0);
            }
            if (!bd.suppressed) relations.push([`${s}|${p}|${b}`, [...codes.get(b)!].map((code) => `${s}|${p}|${b}:${code}`)]);
          }
        }
      for (const rest of [...shown.keys()].filter((k) => k.startsWith(`region|${YEAR}|`)).map((k) => k.slice(`region|${YEAR}|`.length)))
        for (const s of scopes) {
          relations.push([`${s}|${YEAR}|${rest}`, [1, 2, 3, 4].map((q) => `${s}|${YEAR}-Q${q}|${rest}`)]);
          for (let q = 1; q <= 4; q++) relations.push([`${s}|${YEAR}-Q${q}|${rest}`, [0, 1, 2].map((m) => `${s}|${YEAR}-${String((q - 1) * 3 + m + 1).padStart(2, '0')}|${rest}`)]);
        }
      // relation (c): the region is the sum of its tables, for every cell and period
      for (const k of [...shown.keys()].filter((x) => x.startsWith('region|'))) relations.push([k, [f.tableId, g.tableId].map((id) => `${id}${k.slice('region'.length)}`)]);
      for (const n of shown.values()) if (n !== null) expect(n % 5 === 0 && n >= 5).toBe(true);
      const bounds = propagate(shown, relations, exact);
      let small = 0;
      for (const [k, n] of shown) {
        const e = exact.get(k)!;
        if (n !== null || e >= 5) continue;
        small += e > 0 ? 1 : 0;
        const [lo, hi] = bounds.get(k)!;
        expect({ key: k, lo: lo <= 0, hi: hi >= 1 }).toEqual({ key: k, lo: true, hi: true });
      }
      expect(small).toBeGreaterThan(30);
      // the same figures each published on its own scope (withheld below 5, nothing more) would have let the planted cells out
      const naive = new Map(
        [...exact].map(([k, e]) => {
          const [s, , rest] = k.split('|');
          const [b, code] = rest.split(':');
          const names: Record<string, string> = { referrals: 'status', originatingSectors: 'originating_sector', situationTypes: 'situation_type' };
          return [k, publishIn(s === 'region' ? `region:${regionId}` : s, code === undefined ? 'total' : `${names[b]}:${code}`, e)];
        }),
      );
      const naiveBounds = propagate(naive, relations, exact);
      const leaked = [...naive].filter(([k, n]) => n === null && exact.get(k)! > 0 && (naiveBounds.get(k)![0] > 0 || naiveBounds.get(k)![1] < 1)).map(([k]) => k);
      expect(leaked).toEqual(expect.arrayContaining([`${f.tableId}|${YEAR}-08|originatingSectors:${planted}`, `${g.tableId}|${YEAR}-08|originatingSectors:${planted}`]));
    });
  });

  describe("the region's annual report", () => {
    const base = () => `/regions/${regionId}/reports/annual`;
    const pctText = (r: Rate, lang: 'en' | 'fr') => {
      const v = (Math.round(r.value! * 1000) / 10).toFixed(1);
      return lang === 'fr' ? `${v.replace('.', ',')}\u00a0%` : `${v}%`;
    };
    const KEY_RATES = ['acceptanceRate', 'mobilizedWithin48HoursOfDecision', 'riskLoweredShare', 'policeLeadShare', 'policeOriginShare', 'minorsShare'] as const;
    const KEY_CODES = ['I2', 'I6a', 'I7', 'I8', 'I9', 'I10'];
    interface Member {
      tableId: string;
      name: string;
      referrals: Breakdown;
      acceptanceRate: Rate;
      mobilizedWithin48HoursOfDecision: Rate;
      riskLoweredShare: Rate;
      policeLeadShare: Rate;
      policeOriginShare: Rate;
      minorsShare: Rate;
    }
    let views: Record<'en' | 'fr', View & Member & { memberTables: Member[] }>;
    /** the seven values of a key-figures table in the PDF's text: its title, the column headers, then label and value by turns */
    const shownAfter = (lines: string[], title: string) => {
      const at = lines.indexOf(title);
      expect(at).toBeGreaterThanOrEqual(0);
      return Array.from({ length: 7 }, (_, n) => lines[at + 4 + 2 * n]);
    };
    /** what those seven show for some published key figures: `x` for a withheld one */
    const expectedKey = (k: Member, lang: 'en' | 'fr') => [
      k.referrals.population === null ? 'x' : String(k.referrals.population),
      ...KEY_RATES.map((rate) => (k[rate].suppressed || k[rate].value === null ? 'x' : pctText(k[rate], lang))),
    ];

    beforeAll(async () => {
      t.clock.reset();
      views = {
        en: (await api.as(analyst.token).get(`/regions/${regionId}/reports/indicators?period=${YEAR}`).expect(200)).body,
        fr: (await api.as(analyst.token).get(`/regions/${regionId}/reports/indicators?period=${YEAR}`).set('accept-language', 'fr').expect(200)).body,
      };
      expect(views.en.memberTables).toHaveLength(2);
      expect(views.en.referrals.population).not.toBeNull();
    });

    it("lays out the PDF: the region's figures, then each member table's key figures as the region's route publishes them", async () => {
      const res = await api.as(analyst.token).get(`${base()}/${YEAR}.pdf`).buffer(true).expect(200);
      expect(res.headers['content-disposition']).toBe(`attachment; filename="annual-report-region-${YEAR}.pdf"`);
      const lines = pdfText(res.body as Buffer).split('\n');
      const frStart = lines.indexOf('À propos de la région');
      expect(lines.indexOf('About the region')).toBeGreaterThan(0);
      expect(frStart).toBeGreaterThan(lines.indexOf('About the region'));
      for (const [lang, from, heading, name] of [
        ['en', 0, 'Key figures of each member table', 'Peel Region'],
        ['fr', frStart, 'Chiffres clés de chaque table membre', 'Région de Peel'],
      ] as const) {
        const v = views[lang];
        const part = lines.slice(from, lang === 'en' ? frStart : undefined);
        expect(part.join('\n')).toContain(name);
        // the region's key figures: the region's route's
        expect(shownAfter(part, lang === 'en' ? `Key figures of ${YEAR}` : `Chiffres clés de ${YEAR}`)).toEqual(expectedKey(v, lang));
        // each member table's, in a section of their own, the figures the region's route gives for it
        const members = part.slice(part.indexOf(heading));
        expect(members.length).toBeGreaterThan(1);
        for (const m of v.memberTables) {
          const title = lang === 'en' ? `${m.name}: key figures of ${YEAR}` : `${m.name}\u00a0: chiffres clés de ${YEAR}`;
          expect(shownAfter(members, title)).toEqual(expectedKey(m, lang));
        }
      }
    });

    it("gives a CSV per language: the member tables' rows name their table in the scope column, with the figures of their own routes", async () => {
      for (const [lang, delimiter, regionName] of [
        ['en', ',', 'Peel Region'],
        ['fr', ';', 'Région de Peel'],
      ] as const) {
        const res = await api.as(analyst.token).get(`${base()}/${YEAR}.csv?lang=${lang}`).expect(200);
        expect(res.headers['content-disposition']).toBe(`attachment; filename="annual-report-region-${YEAR}.${lang}.csv"`);
        const rows = parseCsv(res.text.replace(/^\uFEFF/, ''), delimiter).slice(1);
        const v = views[lang];
        const value = (r: Rate) => (r.value === null || r.suppressed ? '' : (Math.round(r.value * 1000) / 10).toString().replace('.', lang === 'fr' ? ',' : '.'));
        for (const [scope, figures] of [[regionName, v] as const, ...v.memberTables.map((m) => [m.name, m] as const)]) {
          const own = rows.filter((r) => r[3] === scope && r[2] === String(YEAR));
          expect(own.find((r) => r[4] === 'I1')![6]).toBe(figures.referrals.population === null ? '' : String(figures.referrals.population));
          KEY_RATES.forEach((rate, n) => expect(own.find((r) => r[4] === KEY_CODES[n])![6]).toBe(value(figures[rate])));
        }
        // a member table's own route publishes the same key figures (R1)
        const fromTable = (await api.as(f.analyst.token).get(`/tables/${f.tableId}/reports/indicators?period=${YEAR}`).set('accept-language', lang).expect(200)).body;
        const fName = v.memberTables.find((m) => m.tableId === f.tableId)!.name;
        expect(rows.find((r) => r[3] === fName && r[4] === 'I1')![6]).toBe(fromTable.referrals.population === null ? '' : String(fromTable.referrals.population));
        KEY_RATES.forEach((rate, n) => expect(rows.find((r) => r[3] === fName && r[4] === KEY_CODES[n])![6]).toBe(value(fromTable[rate])));
        expect(rows.flat().some((cell) => /^[=+\-@]/.test(cell))).toBe(false);
      }
    });

    it('answers 404 to anyone but its analysts and administrators, 409 for a year it did not publish or not over, 403 to an administrator correcting it', async () => {
      for (const token of [f.coordinator.token, f.analyst.token, g.privacy.token]) {
        await api.as(token).get(`${base()}/${YEAR}.pdf`).expect(404);
        await api.as(token).get(`${base()}/${YEAR}.csv`).expect(404);
        await api.as(token).post(`${base()}/${YEAR}/versions`).expect(404);
      }
      await api.as(analyst.token).get(`/regions/00000000-0000-4000-8000-000000000000/reports/annual/${YEAR}.pdf`).expect(404);
      await api.as(f.admin.token).get(`${base()}/${YEAR}.csv?lang=fr`).expect(200);
      await api.as(f.admin.token).post(`${base()}/${YEAR}/versions`).expect(403);
      // 2024 had one member table: the region published nothing, so it has no report
      const lone = await api.as(analyst.token).get(`${base()}/2024.pdf`).expect(409);
      expect(lone.body.details).toEqual({ reason: 'REGION_YEAR_NOT_PUBLISHED' });
      const current = new Date().getUTCFullYear();
      const notYet = await api.as(analyst.token).get(`${base()}/${current}.pdf`).expect(409);
      expect(notYet.body.details).toEqual({ reason: 'ANNUAL_REPORT_NOT_YET', availableFrom: expect.any(String) });
      await api.as(analyst.token).get(`${base()}/abcd.pdf`).expect(400);
      await api.as(analyst.token).get(`${base()}/${YEAR}.csv?lang=de`).expect(400);
    });

    it("is stored and served as stored; the region's analyst stores a correction, audited on the region's chain", async () => {
      const stored = async () =>
        (await owner.query(`SELECT version FROM region_annual_reports WHERE region_id = $1 AND year = $2 ORDER BY version`, [regionId, YEAR])).rows.map(
          (r: { version: number }) => r.version,
        );
      expect(await stored()).toEqual([1]);
      const created = await api.as(analyst.token).post(`${base()}/${YEAR}/versions`).expect(201);
      expect(created.body).toMatchObject({ year: YEAR, version: 2 });
      expect(await stored()).toEqual([1, 2]);
      // a stored version is never rewritten, even by the application's own role
      const asApp = t.app.get(DataSource);
      await expect(asApp.query(`UPDATE region_annual_reports SET figures = '{}' WHERE region_id = $1`, [regionId])).rejects.toThrow(/permission denied/);
      await expect(asApp.query(`DELETE FROM annual_reports`)).rejects.toThrow(/permission denied/);
      let entries: { action: string; table_id: string | null; chain_id: string; details: Record<string, unknown> }[] = [];
      for (let i = 0; i < 40 && entries.length < 3; i++) {
        entries = (
          await owner.query(
            `SELECT action, table_id, chain_id, details::jsonb AS details FROM audit_entries WHERE action LIKE 'report.annual%' AND actor_id = $1 AND details::jsonb->>'regionId' = $2`,
            [analyst.id, regionId],
          )
        ).rows;
        if (entries.length < 3) await new Promise((r) => setTimeout(r, 100));
      }
      expect(entries.every((e) => e.table_id === null && e.chain_id === `region:${regionId}`)).toBe(true);
      expect(entries.map((e) => [e.action, e.details])).toEqual(
        expect.arrayContaining([
          ['report.annual.generate', { regionId, year: YEAR, version: 1 }],
          ['report.annual', { regionId, year: YEAR, version: 1, format: 'pdf', languages: ['en', 'fr'] }],
          ['report.annual.generate', { regionId, year: YEAR, version: 2 }],
        ]),
      );
    });
  });

  describe("the region's own audit chain (R12)", () => {
    /** the region's chain as the database holds it, oldest first */
    const chain = async (id: string) =>
      (await owner.query(`SELECT seq::text AS seq, action, actor_id FROM audit_entries WHERE chain_id = $1 ORDER BY audit_entries.seq`, [`region:${id}`])).rows as {
        seq: string;
        action: string;
        actor_id: string;
      }[];
    /** the group-committed reads have landed once the chain holds `n` entries */
    const settled = async (id: string, n: number) => {
      for (let i = 0; i < 50 && (await chain(id)).length < n; i++) await new Promise((r) => setTimeout(r, 100));
      return chain(id);
    };

    it("records the region's reads and changes on its chain, none on the system chain, and gives them to administrators newest first", async () => {
      const before = (await chain(regionId)).length;
      await api.as(analyst.token).get(`/regions/${regionId}/reports/indicators?period=${YEAR}`).expect(200);
      const held = await settled(regionId, before + 1);
      expect(held.map((e) => e.action)).toEqual(expect.arrayContaining(['region.create', 'region.members', 'region.role.grant', 'report.region', 'report.annual']));
      expect(held.map((e) => e.seq)).toEqual(held.map((_, i) => String(i + 1)));
      const system = await owner.query(`SELECT count(*)::int AS n FROM audit_entries WHERE chain_id = 'system' AND details LIKE $1`, [`%${regionId}%`]);
      expect(system.rows[0].n).toBe(0);

      const page = (await api.as(f.admin.token).get(`/regions/${regionId}/audit?limit=200`).expect(200)).body;
      expect(page.items.map((e: { seq: string }) => e.seq)).toEqual(
        held
          .map((e) => e.seq)
          .slice()
          .reverse(),
      );
      expect(page.items[0]).toMatchObject({ action: 'report.region', actorId: analyst.id, outcome: 'SUCCESS', details: { regionId, route: 'indicators', period: String(YEAR) } });
      const only = (await api.as(f.admin.token).get(`/regions/${regionId}/audit?action=report.region&actorId=${analyst.id}`).expect(200)).body;
      expect(only.items.length).toBeGreaterThan(0);
      expect(only.items.every((e: { action: string; actorId: string }) => e.action === 'report.region' && e.actorId === analyst.id)).toBe(true);
      // the review is itself on the region's chain
      const after = await settled(regionId, held.length + 2);
      // (a refusal summary of an earlier test's minute may be written meanwhile: it is another actor's)
      expect(
        after
          .slice(held.length)
          .filter((e) => e.action !== 'access.denied')
          .map((e) => [e.action, e.actor_id]),
      ).toEqual([
        ['audit.search', f.admin.id],
        ['audit.search', f.admin.id],
      ]);
    });

    it('verifies the chain, and names the first entry altered under it', async () => {
      const n = (await chain(regionId)).length;
      const ok = (await api.as(f.admin.token).get(`/regions/${regionId}/audit/verify`).expect(200)).body;
      expect(ok.valid).toBe(true);
      expect(ok.checked).toBeGreaterThanOrEqual(n);
      // the verification is recorded after it, with its result
      expect(
        (await settled(regionId, n + 1))
          .slice(n)
          .filter((e) => e.action !== 'access.denied')
          .map((e) => e.action),
      ).toEqual(['audit.verify']);
      // another region, so the shared one stays sound for the other tests
      const other = (
        await api
          .as(f.admin.token)
          .post('/regions', { code: `TAMPER-${Date.now() % 100000}`, nameEn: 'Tampered', nameFr: 'Altérée' })
          .expect(201)
      ).body;
      await api.as(f.admin.token).get(`/regions/${other.id}/audit`).expect(200);
      const entries = await settled(other.id, 2);
      expect(entries.map((e) => e.action)).toEqual(['region.create', 'audit.search']);
      await owner.query('ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_no_update_delete');
      try {
        await owner.query(`UPDATE audit_entries SET outcome = 'DENIED' WHERE chain_id = $1 AND seq = 1`, [`region:${other.id}`]);
      } finally {
        await owner.query('ALTER TABLE audit_entries ENABLE TRIGGER audit_entries_no_update_delete');
      }
      const bad = (await api.as(f.admin.token).get(`/regions/${other.id}/audit/verify`).expect(200)).body;
      expect(bad).toMatchObject({ valid: false, firstInvalidSeq: '1' });
    });

    it('answers 403 to anyone but administrators, 404 for a region that does not exist, 400 to a bad filter', async () => {
      for (const who of [analyst.token, f.coordinator.token, f.privacy.token]) {
        await api.as(who).get(`/regions/${regionId}/audit`).expect(403);
        await api.as(who).get(`/regions/${regionId}/audit/verify`).expect(403);
      }
      const missing = '00000000-0000-4000-8000-000000000000';
      await api.as(f.admin.token).get(`/regions/${missing}/audit`).expect(404);
      await api.as(f.admin.token).get(`/regions/${missing}/audit/verify`).expect(404);
      await api.as(f.admin.token).get(`/regions/${regionId}/audit?outcome=MAYBE`).expect(400);
      await api.as(f.admin.token).get(`/regions/${regionId}/audit?cursor=not-a-cursor`).expect(400);
      // a path id that is no uuid names nothing (404, as every route with an id)
      await api.as(f.admin.token).get(`/regions/not-a-uuid/audit`).expect(404);
    });

    it('records a refusal of a region that exists on its chain (who, which route), and of one that does not nowhere', async () => {
      const stranger = await api.createUser(f.admin.token, { email: `stranger-${Date.now()}@example.test`, displayName: 'Stranger', agencyId: f.agencies.school.id });
      const token = await api.login(stranger.email);
      const denied = async () =>
        (
          await owner.query(
            `SELECT details::jsonb AS d, outcome FROM audit_entries WHERE chain_id = $1 AND action = 'access.denied' AND actor_id = $2 ORDER BY audit_entries.seq`,
            [`region:${regionId}`, stranger.id],
          )
        ).rows as { d: { route: string; reason: string; summary?: boolean; count?: number }; outcome: string }[];
      await api.as(token).get(`/regions/${regionId}/reports/indicators?period=${YEAR}`).expect(404);
      let rows = await denied();
      expect(rows).toEqual([{ outcome: 'DENIED', d: { route: 'GET /api/v1/regions/:regionId/reports/indicators', reason: 'not_a_region_analyst' } }]);
      // more within the minute are folded into one summary, written once the minute is over (probing cannot fill the chain)
      await api.as(token).get(`/regions/${regionId}/reports/equity/trend`).expect(404);
      await api.as(token).get(`/regions/${regionId}/reports/annual/${YEAR}.pdf`).expect(404);
      expect(await denied()).toHaveLength(1);
      await t.app.get(AuditService).flushRefusals(true);
      rows = await denied();
      expect(rows).toHaveLength(2);
      expect(rows[1].d).toMatchObject({
        summary: true,
        count: 2,
        routes: { 'GET /api/v1/regions/:regionId/reports/equity/trend': 1, 'GET /api/v1/regions/:regionId/reports/annual/:year.pdf': 1 },
      });
      // a region that does not exist: 404 as well, and no entry anywhere
      const before = (await owner.query(`SELECT count(*)::int AS n FROM audit_entries WHERE actor_id = $1`, [stranger.id])).rows[0].n;
      await api.as(token).get(`/regions/00000000-0000-4000-8000-000000000000/reports/indicators?period=${YEAR}`).expect(404);
      await t.app.get(AuditService).flushRefusals(true);
      expect((await owner.query(`SELECT count(*)::int AS n FROM audit_entries WHERE actor_id = $1`, [stranger.id])).rows[0].n).toBe(before);
      // the chain stays sound
      expect((await api.as(f.admin.token).get(`/regions/${regionId}/audit/verify`).expect(200)).body.valid).toBe(true);
    });

    it('gives a region that existed before the upgrade its chain at the genesis, and builds on it', async () => {
      const id = (
        await owner.query(`INSERT INTO regions (code, name_en, name_fr, time_zone, created_by) VALUES ($1, 'Older', 'Ancienne', 'America/Toronto', $2) RETURNING id`, [
          `OLD-${Date.now() % 100000}`,
          f.admin.id,
        ])
      ).rows[0].id as string;
      expect((await owner.query(`SELECT 1 FROM audit_chain_heads WHERE chain_id = $1`, [`region:${id}`])).rowCount).toBe(0);
      await new RegionAuditChains1765210000000().up({ query: (sql: string) => owner.query(sql) } as unknown as QueryRunner);
      const head = await owner.query(`SELECT seq::text AS seq, head_hash FROM audit_chain_heads WHERE chain_id = $1`, [`region:${id}`]);
      expect(head.rows).toEqual([{ seq: '0', head_hash: '0'.repeat(64) }]);
      await api.as(f.admin.token).get(`/regions/${id}/audit`).expect(200);
      expect((await settled(id, 1)).map((e) => e.action)).toEqual(['audit.search']);
      expect((await api.as(f.admin.token).get(`/regions/${id}/audit/verify`).expect(200)).body).toEqual({ valid: true, checked: 1 });
    });
  });
});
