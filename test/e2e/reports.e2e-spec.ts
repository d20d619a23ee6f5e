import { Api, buildTable, TableFixture } from '../support/api';
import { MEETS, submit, walkTo } from '../support/situations';
import { openWorld } from '../support/world';

interface Cell {
  code: string;
  label: string;
  count: number | null;
  suppressed: boolean;
}

/** No withheld cell may be recomputed from the total and the published cells. */
function expectNoRecovery(cells: Cell[], total: number): void {
  const withheld = cells.filter((c) => c.suppressed);
  expect(withheld.length === 0 || withheld.length >= 2).toBe(true);
  const published = cells.filter((c) => !c.suppressed).reduce((n, c) => n + (c.count ?? 0), 0);
  if (withheld.length > 0) expect(total - published).toBeGreaterThanOrEqual(5);
}

describe('reports: summary with small-cell suppression, RTD export, province, French', () => {
  let api: Api;
  let f: TableFixture;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ api, f, close } = await openWorld());
    // Known data set: 7 closed PERSON 40-59, 5 submitted FAMILY 25-29, 2 rejected GROUP.
    for (let i = 0; i < 7; i++) await walkTo(api, f, 'CLOSED');
    for (let i = 0; i < 5; i++) await submit(api, f, f.reps.school.token, { ...MEETS, situationType: 'FAMILY', ageBand: '25-29', gender: 'WOMAN' });
    for (let i = 0; i < 2; i++) {
      const s = await submit(api, f, f.reps.health.token, { ...MEETS, situationType: 'GROUP' });
      await api.as(f.coordinator.token).post(`/situations/${s.id}/decision`, { outcome: 'NOT_AER', rationale: 'A single agency can respond within its mandate.' }).expect(200);
    }
  });
  afterAll(() => close());

  it('counts by every dimension, withholding 1-4 and a complementary cell', async () => {
    const res = await api.as(f.analyst.token).get(`/tables/${f.tableId}/reports/summary`).expect(200);
    const r = res.body;
    expect(r.total).toBe(14);
    const byCode = (cells: Cell[]) => Object.fromEntries(cells.map((c) => [c.code, c.count]));
    expect(byCode(r.byStatus)).toEqual({ CLOSED: 7, REJECTED: null, SUBMITTED: null });
    expect(byCode(r.bySituationType)).toEqual({ PERSON: 7, FAMILY: null, GROUP: null });
    expect(byCode(r.byAgeBand)).toEqual({ '40-59': 7, '25-29': null, NOT_APPLICABLE: null });
    expect(byCode(r.byOriginatingSector)).toEqual({ POLICE: 7, EDUCATION: null, HEALTH: null });
    expect(byCode(r.byConclusion)).toEqual({ CONNECTED_TO_SERVICES: 7, NOT_APPLICABLE: 7 });
    expect(byCode(r.byLeadSector)).toEqual({ HOUSING: 7, NOT_APPLICABLE: 7 });
    for (const key of ['byStatus', 'bySituationType', 'byAgeBand', 'byGender', 'byOriginatingSector', 'byLeadSector', 'byConclusion', 'byConsentStatus']) {
      expectNoRecovery(r[key], 14);
    }
    // 12 non-rejected situations carry the 4 factors: ALCOHOL, HOUSING, MENTAL_HEALTH, CRIMINAL_INVOLVEMENT
    expect(byCode(r.byRiskCategory)).toEqual({ ALCOHOL: 12, CRIMINAL_INVOLVEMENT: 12, HOUSING: 12, MENTAL_HEALTH: 12 });
    expect(r.riskCategoryPairs).toHaveLength(6);
    expect(r.acceptanceRate).toEqual({ value: 0.778, n: 9, suppressed: false });
    expect(r.riskLoweredShare).toEqual({ value: 1, n: 7, suppressed: false });
    expect(r.hoursToMobilization.suppressed).toBe(false);
    expect(r.hoursToMobilization.value.median).toBeGreaterThanOrEqual(0);
    expect(r.daysOpen.n).toBe(7);
    expect(JSON.stringify(r)).not.toContain('living in his vehicle');
  });

  it('withholds everything when the whole period is a small cell', async () => {
    const small = await buildTable(api);
    for (let i = 0; i < 3; i++) await submit(api, small);
    const res = await api.as(small.coordinator.token).get(`/tables/${small.tableId}/reports/summary`).expect(200);
    expect(res.body.total).toBeNull();
    expect(res.body.byStatus).toEqual([]);
    expect(res.body.acceptanceRate.suppressed).toBe(false);
    expect(res.body.acceptanceRate.n).toBe(0);
  });

  it('exports one RTD row per discussion, rejected rows as stubs, no free text', async () => {
    const res = await api.as(f.privacy.token).get(`/tables/${f.tableId}/reports/rtd-export.csv`).expect(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const lines = res.text.trim().split('\n');
    expect(lines[0]).toBe('Discussion ID,Status,Date created,Date decided,Date closed,Situation type,Age band,Gender,Originating sector,Risk factors,Risk categories,Study flags,Protective factors,Lead sector,Assisting sectors,Services mobilised,Conclusion,Consent status,Days open');
    expect(lines).toHaveLength(15);
    const rejected = lines.filter((l) => l.includes(',REJECTED,'));
    expect(rejected).toHaveLength(2);
    for (const row of rejected) expect(row.split(',').slice(5)).toEqual(['GROUP', 'N/A', 'N/A', 'HEALTH', 'N/A', 'N/A', 'N/A', 'N/A', 'N/A', 'N/A', 'N/A', 'N/A', 'N/A', 'N/A']);
    const closed = lines.find((l) => l.includes(',CLOSED,'))!.split(',');
    expect(closed[9]).toContain('ALCOHOL_PERSON_ABUSE');
    expect(closed[13]).toBe('HOUSING');
    expect(closed[14]).toBe('HEALTH');
    expect(closed[16]).toBe('CONNECTED_TO_SERVICES');
    expect(res.text).not.toContain('vehicle');
  });

  it('speaks French: labels and CSV headers', async () => {
    const summary = await api.as(f.analyst.token).get(`/tables/${f.tableId}/reports/summary`, { 'accept-language': 'fr' }).expect(200);
    const closed = summary.body.byStatus.find((c: Cell) => c.code === 'CLOSED');
    expect(closed.label).toBe('Fermée');
    const csv = await api.as(f.analyst.token).get(`/tables/${f.tableId}/reports/rtd-export.csv`, { 'accept-language': 'fr' }).expect(200);
    expect(csv.text.split('\n')[0]).toContain('No de discussion,Statut');
    expect(csv.text).toContain('S.O.');
  });

  it('is for coordinators, privacy officers and analysts; province for admins', async () => {
    await api.as(f.reps.police.token).get(`/tables/${f.tableId}/reports/summary`).expect(403);
    await api.as(f.stranger.token).get(`/tables/${f.tableId}/reports/summary`).expect(404);
    await api.as(f.coordinator.token).get('/reports/province').expect(403);
    const province = await api.as(f.admin.token).get('/reports/province').expect(200);
    expect(province.body.total).toBeGreaterThanOrEqual(14);
    expect(province.body.tableId).toBeNull();
    await api.as(f.analyst.token).get(`/tables/${f.tableId}/reports/summary?from=2026-01-01T00:00:00Z&to=2025-01-01T00:00:00Z`).expect(400);
  });
});
