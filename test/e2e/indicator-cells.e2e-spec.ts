import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { startOfLocalDay } from '../../src/common/clock/time-zone';
import { Metrics } from '../../src/common/observability/metrics';
import { IndicatorRepository } from '../../src/modules/reports/indicator.repository';
import { IndicatorService } from '../../src/modules/reports/indicator.service';
import { Api, TableFixture } from '../support/api';
import { walkTo } from '../support/situations';
import { TestApp } from '../support/test-app';
import { openWorld } from '../support/world';

/**
 * The months the indicators keep counted (IndicatorCells) are used only while nothing they count
 * changed: after every kind of write, from any connection, in any order of commit, as time passes,
 * when reference data changes and when the change log is compacted, the server's figures equal those
 * of a repository that keeps nothing (every month counted afresh in the same database).
 */
describe('indicators: the months kept counted, and what makes them counted again', () => {
  const ZONE = 'America/Toronto';
  const YEAR = 2025;
  const bounds = [...Array.from({ length: 12 }, (_, m) => startOfLocalDay(YEAR, m + 1, 1, ZONE)), startOfLocalDay(YEAR + 1, 1, 1, ZONE)];
  const NOW = new Date('2026-06-01T12:00:00Z');
  let t: TestApp;
  let api: Api;
  let f: TableFixture;
  let owner: Client;
  let close: () => Promise<void>;
  let repo: IndicatorRepository;
  let fresh: () => IndicatorRepository;
  let metrics: Metrics;
  /** a situation of the table created in a month (1-12): two a month, of the same status (the n-th by id) */
  let inMonth: (month: number, n?: number) => Promise<string>;

  const cells = async () => {
    const values = (await metrics.reportCells.get()).values;
    const of = (outcome: string) => values.find((v) => v.labels.outcome === outcome)?.value ?? 0;
    return { reused: of('reused'), counted: of('counted') };
  };
  /** the server's read and a fresh repository's, in that order, and how many months the server counted and reused for it */
  const read = async (now = NOW, tableId: string | null = f.tableId) => {
    const before = await cells();
    const kept = await repo.read({ tableId, bounds, now }, [bounds[0], bounds[3], bounds[6], bounds[9], bounds[12]]);
    const after = await cells();
    const truth = await fresh().read({ tableId, bounds, now }, [bounds[0], bounds[3], bounds[6], bounds[9], bounds[12]]);
    try {
      expect(kept).toEqual(truth);
    } catch (error) {
      // what the change log held for the table and the snapshots the months were kept with: a change missed, or never logged
      const log = await owner.query(
        `SELECT created_from, created_to, xid::text, compacted, pg_current_snapshot()::text AS now FROM report_changes WHERE table_id = $1 OR table_id IS NULL ORDER BY xid`,
        [tableId ?? f.tableId],
      );
      const kept = [...(repo as unknown as { cells: { kept: Map<string, { snapshot: string }> } }).cells.kept].map(([key, c]) => `${key} ${c.snapshot}`);
      throw new Error(`${(error as Error).message}\nthe log: ${JSON.stringify(log.rows)}\nkept: ${JSON.stringify(kept)}`);
    }
    return { figures: kept, counted: after.counted - before.counted, reused: after.reused - before.reused };
  };

  beforeAll(async () => {
    ({ t, api, f, owner, close } = await openWorld());
    repo = t.app.get(IndicatorRepository);
    metrics = t.app.get(Metrics);
    fresh = () => new IndicatorRepository(t.app.get(DataSource), new Metrics());
    // 24 situations, two a month of YEAR: closed in January, May and September, mobilised in February,
    // June and October, assigned in March, July and November, accepted in April, August and December
    const statuses = ['CLOSED', 'MOBILIZED', 'ASSIGNED', 'ACCEPTED'] as const;
    for (let i = 0; i < 24; i++) {
      const id = await walkTo(api, f, statuses[i % 4]);
      await owner.query(
        `UPDATE situations SET created_at = make_timestamptz($2, $3, 10, 14, 0, 0, $4),
                decided_at = CASE WHEN decided_at IS NULL THEN NULL ELSE make_timestamptz($2, $3, 11, 14, 0, 0, $4) END,
                first_assigned_at = CASE WHEN first_assigned_at IS NULL THEN NULL ELSE make_timestamptz($2, $3, 12, 14, 0, 0, $4) END,
                last_assigned_at = CASE WHEN last_assigned_at IS NULL THEN NULL ELSE make_timestamptz($2, $3, 12, 14, 0, 0, $4) END,
                mobilization_assigned_at = CASE WHEN mobilization_assigned_at IS NULL THEN NULL ELSE make_timestamptz($2, $3, 12, 14, 0, 0, $4) END,
                mobilized_at = CASE WHEN mobilized_at IS NULL THEN NULL ELSE make_timestamptz($2, $3, 13, 14, 0, 0, $4) END
         WHERE id = $1`,
        [id, YEAR, (i % 12) + 1, ZONE],
      );
    }
    inMonth = async (month, n = 0) => {
      const { rows } = await owner.query(`SELECT id FROM situations WHERE table_id = $1 AND created_at >= $2 AND created_at < $3 ORDER BY id OFFSET $4 LIMIT 1`, [
        f.tableId,
        bounds[month - 1],
        bounds[month],
        n,
      ]);
      return rows[0].id;
    };
  }, 120_000);
  afterAll(() => close());

  it('counts each month once, then reuses them all while nothing changes', async () => {
    const first = await read();
    expect(first.counted).toBe(12);
    expect(first.figures.months.reduce((n, m) => n + m.total, 0)).toBe(24);
    const again = await read();
    expect(again).toMatchObject({ counted: 0, reused: 12 });
  });

  it("counts again the one month a situation's change touches, written behind the server's back", async () => {
    await read();
    const id = await inMonth(3);
    await owner.query(`UPDATE situations SET age_band = '16-17', situation_type = 'PERSON' WHERE id = $1`, [id]);
    const after = await read();
    expect(after).toMatchObject({ counted: 1, reused: 11 });
    expect(after.figures.months[2].ageBandAll.get('16-17')).toBe(1);
  });

  it.each([
    [
      'a system barrier',
      5,
      (id: string) =>
        api
          .as(f.coordinator.token)
          .put(`/situations/${id}/system-barriers`, { systemBarriers: [{ code: 'WAIT_LIST', service: 'HOUSING_SHELTER' }] })
          .expect(200),
    ],
    ['a lead declined', 11, (id: string) => api.as(f.reps.housing.token).post(`/situations/${id}/lead-answer`, { answer: 'DECLINE', reasonCode: 'CAPACITY' }).expect(200)],
    ['a mobilisation row removed', 6, (id: string) => owner.query(`DELETE FROM situation_agency_mobilizations WHERE situation_id = $1`, [id])],
  ])('counts again the month of %s (a table the indicators count beside situations)', async (_, month, write) => {
    await read();
    await write(await inMonth(month));
    expect(await read()).toMatchObject({ counted: 1, reused: 11 });
  });

  it.each([
    ['read at once', 0, false],
    ['read after the log is compacted', 1, true],
  ])('never keeps a month counted while a change to it was in flight: it is counted again once that commits (%s)', async (_, n, compact) => {
    const gender = 'WOMAN';
    await read();
    const id = await inMonth(7, n);
    const writer = new Client({ connectionString: t.ownerUrl });
    await writer.connect();
    try {
      await writer.query('BEGIN');
      await writer.query(`UPDATE situations SET gender = $2 WHERE id = $1`, [id, gender]);
      // another change to July, committed: the server counts July again while the first is in flight
      await owner.query(`UPDATE situations SET consent_status = consent_status WHERE id = $1`, [await inMonth(7, 1 - n)]);
      const during = await read();
      expect(during).toMatchObject({ counted: 1, reused: 11 });
      const before = during.figures.months[6].gender.get(gender) ?? 0;
      expect(before).toBe(n);
      await writer.query('COMMIT');
      if (compact) {
        // the job keeps 10 minutes' worth apart; compacted now, each table's day is one row with its newest transaction
        expect(await t.app.get(IndicatorService).compactChanges()).toBe(0);
        expect(await repo.compactChanges(0)).toBeGreaterThan(0);
        const log = await owner.query(
          `SELECT count(*)::int AS n, count(DISTINCT (table_id, date_trunc('day', created_from, 'UTC')))::int AS days, bool_and(compacted) AS compacted FROM report_changes`,
        );
        expect(log.rows[0]).toEqual({ n: log.rows[0].days, days: log.rows[0].days, compacted: true });
      }
      // July was counted in a snapshot that saw the change in flight (its transaction among the running ones)
      const after = await read();
      expect(after.counted).toBeGreaterThanOrEqual(1);
      if (!compact) expect(after).toMatchObject({ counted: 1, reused: 11 });
      expect(after.figures.months[6].gender.get(gender)).toBe(before + 1);
    } finally {
      await writer.end();
    }
  });

  it('counts again a month whose 48-hour populations the as-of time moved, in either direction', async () => {
    // both accepted situations of April were decided at the same time, neither mobilised
    const { rows } = await owner.query(`SELECT decided_at FROM situations WHERE id = $1`, [await inMonth(4)]);
    const decided: Date = rows[0].decided_at;
    const before48 = new Date(decided.getTime() + 47 * 3_600_000);
    const after48 = new Date(decided.getTime() + 49 * 3_600_000);
    await read(before48);
    expect(await read(before48)).toMatchObject({ counted: 0 });
    const earlier = await read(before48);
    const later = await read(after48);
    expect(later.counted).toBeGreaterThanOrEqual(1);
    expect(later.figures.months[3].within48.decisionPopulation).toBe(earlier.figures.months[3].within48.decisionPopulation + 2);
    expect((await read(before48)).counted).toBeGreaterThanOrEqual(1);
  });

  it('keeps no month while a change trigger is missing or disabled (a table recreated loses its triggers)', async () => {
    await read();
    await owner.query('ALTER TABLE situation_actions DISABLE TRIGGER report_changes_delete');
    try {
      expect(await read()).toMatchObject({ counted: 12, reused: 0 });
      expect(await read()).toMatchObject({ counted: 12, reused: 0 });
    } finally {
      await owner.query('ALTER TABLE situation_actions ENABLE TRIGGER report_changes_delete');
    }
    await read();
    expect(await read()).toMatchObject({ counted: 0, reused: 12 });
  });

  it("counts every month again when the reference data they were counted with changes (an agency's sector)", async () => {
    await read();
    await owner.query(`UPDATE agencies SET sector = 'HEALTH' WHERE id = $1`, [f.agencies.police.id]);
    try {
      expect(await read()).toMatchObject({ counted: 12, reused: 0 });
    } finally {
      await owner.query(`UPDATE agencies SET sector = 'POLICE' WHERE id = $1`, [f.agencies.police.id]);
    }
  });

  it("serves the province from the same months: one table's change counts one month again, not every table's year", async () => {
    const other = await walkTo(api, f, 'CLOSED');
    await owner.query(`UPDATE situations SET created_at = make_timestamptz($2, 9, 10, 14, 0, 0, $3) WHERE id = $1`, [other, YEAR, ZONE]);
    const province = await read(NOW, null);
    const tables = (await owner.query(`SELECT count(*)::int AS n FROM situation_tables`)).rows[0].n;
    expect(province.counted + province.reused).toBe(12 * tables);
    expect(await read(NOW, null)).toMatchObject({ counted: 0 });
    await owner.query(`UPDATE situations SET gender = 'MAN' WHERE id = $1`, [other]);
    expect(await read(NOW, null)).toMatchObject({ counted: 1 });
  });

  it('refuses the application role what would hide a change: rewriting or truncating the log', async () => {
    const app = new Client({ connectionString: t.appUrl });
    await app.connect();
    try {
      for (const sql of ['UPDATE report_changes SET xid = xid', 'TRUNCATE report_changes', 'TRUNCATE situations'])
        await expect(app.query(sql)).rejects.toThrow(/permission denied/);
    } finally {
      await app.end();
    }
  });
});
