import { Client } from 'pg';
import { Api, TableFixture } from '../support/api';
import { parseCsv } from '../support/csv';
import { pdfText } from '../support/pdf-text';
import { MEETS, submit, walkTo } from '../support/situations';
import { openWorld } from '../support/world';
import type { Breakdown, Cell, Rate } from '../support/report-views';

/**
 * The annual public report (docs/evaluation.md, section 8) on a seeded year: the PDF and both CSVs
 * show exactly the figures `GET /reports/indicators?period=YEAR` publishes, never a withheld count;
 * only the table's coordinators and analysts get it, only once the year and its lag are over.
 */

const YEAR = 2025;
const pct = (r: Rate, lang: 'en' | 'fr') => {
  const s = (Math.round(r.value! * 1000) / 10).toFixed(1);
  return lang === 'fr' ? `${s.replace('.', ',')}\u00a0%` : `${s}%`;
};

describe('annual report: the published figures of a year, as a PDF and a CSV per language', () => {
  let api: Api;
  let f: TableFixture;
  let owner: Client;
  let close: () => Promise<void>;
  let en: { referrals: Breakdown; acceptanceRate: Rate; situationTypes: Breakdown; originatingSectors: Breakdown };
  let fr: typeof en;
  let submittedExact: number;

  beforeAll(async () => {
    ({ api, f, owner, close } = await openWorld());
    // 16 closed, 8 rejected, 3 submitted (a count the report must withhold)
    for (let i = 0; i < 16; i++) await walkTo(api, f, 'CLOSED');
    for (let i = 0; i < 8; i++) await walkTo(api, f, 'REJECTED');
    for (let i = 0; i < 3; i++) await submit(api, f, f.reps.school.token, { ...MEETS, situationType: 'FAMILY', ageBand: '12-15' });
    // spread over the months of YEAR
    await owner.query(
      `WITH o AS (SELECT id, row_number() OVER (ORDER BY created_at, id) - 1 AS i FROM situations WHERE table_id = $1)
       UPDATE situations s SET
         created_at = make_timestamptz($2, 1 + (o.i % 12)::int, 3 + (o.i % 20)::int, 14, 0, 0, 'America/Toronto'),
         decided_at = CASE WHEN s.decided_at IS NULL THEN NULL ELSE make_timestamptz($2, 1 + (o.i % 12)::int, 3 + (o.i % 20)::int, 14, 0, 0, 'America/Toronto') + (o.i % 30 + 1) * interval '1 hour' END
       FROM o WHERE o.id = s.id`,
      [f.tableId, YEAR],
    );
    submittedExact = (await owner.query(`SELECT count(*)::int AS n FROM situations WHERE table_id = $1 AND status = 'SUBMITTED'`, [f.tableId])).rows[0].n;
    expect(submittedExact).toBe(3);
    en = (await api.as(f.analyst.token).get(`/tables/${f.tableId}/reports/indicators?period=${YEAR}`).expect(200)).body;
    fr = (await api.as(f.analyst.token).get(`/tables/${f.tableId}/reports/indicators?period=${YEAR}`, { 'accept-language': 'fr' }).expect(200)).body;
    // the seeding gives the report published figures and a withheld one
    expect(en.referrals.population).not.toBeNull();
    expect(en.acceptanceRate.suppressed).toBe(false);
    expect(en.referrals.cells.find((c) => c.code === 'SUBMITTED')).toMatchObject({ count: null, suppressed: true });
  }, 180_000);
  afterAll(() => close());

  /** the text objects of the PDF between two headings (the first after `from`) */
  const between = (lines: string[], from: string, to: string, after = 0): string[] => {
    const start = lines.indexOf(from, after);
    expect(start).toBeGreaterThanOrEqual(0);
    const end = lines.indexOf(to, start + 1);
    expect(end).toBeGreaterThan(start);
    return lines.slice(start + 1, end);
  };
  /** every value drawn right after `label` in those lines (chart and data table) */
  const valuesAfter = (lines: string[], label: string) => lines.flatMap((l, i) => (l === label ? [lines[i + 1]] : []));

  it("lays out the PDF: a bilingual cover, English then French, each figure the indicators' published figure, withheld ones as x", async () => {
    const res = await api.as(f.coordinator.token).get(`/tables/${f.tableId}/reports/annual/${YEAR}.pdf`).buffer(true).expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="annual-report-table-${YEAR}.pdf"`);
    const bytes = res.body as Buffer;
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const raw = bytes.toString('latin1');
    expect(raw).toContain('/Lang (en-CA)');
    expect(raw).toContain('/Lang (fr-CA)');
    expect(raw).toContain('/StructTreeRoot');
    const lines = pdfText(bytes).split('\n');
    const enStart = lines.indexOf('Referrals and decisions');
    // the cover, before the English part: both titles
    expect(lines.slice(0, lines.indexOf('About the table'))).toEqual(expect.arrayContaining([`Annual report ${YEAR}`, `Rapport annuel ${YEAR}`, 'ENGLISH', 'FRANÇAIS']));
    const frStart = lines.indexOf("Demandes d'intervention et décisions");
    expect(enStart).toBeGreaterThan(0);
    expect(frStart).toBeGreaterThan(enStart);

    for (const [lang, v, from, to, after] of [
      ['en', en, 'Referrals by current status', 'Referrals accepted (of those decided)', 0],
      ['fr', fr, "Demandes d'intervention selon le statut actuel", 'Demandes acceptées (parmi celles tranchées)', frStart],
    ] as const) {
      const part = between(lines, from, to, after);
      for (const c of v.referrals.cells) {
        const shown = valuesAfter(part, c.label);
        // the chart's bar label and the data table's row
        expect(shown.length).toBeGreaterThanOrEqual(2);
        expect(new Set(shown)).toEqual(new Set([c.count === null ? 'x' : String(c.count)]));
      }
      expect(valuesAfter(part, 'Total')).toEqual([String(v.referrals.population)]);
      // the acceptance rate, formatted in the language
      expect(lines.slice(after)).toContain(pct(v.acceptanceRate, lang));
    }
    // the symbols, the method in plain words, the equity section
    const text = lines.join('\n');
    expect(text).toContain('withheld to protect privacy');
    expect(text).toContain('supprimé pour protéger la vie privée');
    expect(text).toContain('Disclosure control. Counts under 5 are withheld.');
    // the equity section: the year is frozen, and with no answer recorded its figures are withheld
    expect(text).toContain('Equity questions: who was asked and who answered');
    expect(text).toContain("Questions sur l'équité\u00a0: questions posées et réponses");
  });

  it('never shows a withheld count: the submitted referrals (3) appear as x only', async () => {
    const res = await api.as(f.analyst.token).get(`/tables/${f.tableId}/reports/annual/${YEAR}.pdf`).buffer(true).expect(200);
    const lines = pdfText(res.body as Buffer).split('\n');
    for (const label of [en.referrals.cells, fr.referrals.cells].map((cells) => cells.find((c) => c.code === 'SUBMITTED')!.label)) {
      const shown = valuesAfter(lines, label);
      expect(shown.length).toBeGreaterThanOrEqual(2);
      expect(shown.every((s) => s === 'x')).toBe(true);
    }
    for (const lang of ['en', 'fr'] as const) {
      const csv = await api.as(f.analyst.token).get(`/tables/${f.tableId}/reports/annual/${YEAR}.csv?lang=${lang}`).expect(200);
      const row = parseCsv(csv.text.replace(/^\uFEFF/, ''), lang === 'fr' ? ';' : ',').find((r) => r[4] === 'SUBMITTED')!;
      expect(row.slice(6, 9)).toEqual(['', 'count', 'withheld']);
      expect(csv.text).not.toMatch(new RegExp(`SUBMITTED[,;][^\\n]*[,;]${submittedExact}[,;]`));
    }
  });

  it("gives a CSV per language, long form, the indicators' figures; French with ;, a byte order mark and the decimal comma", async () => {
    for (const [lang, v, header, delimiter] of [
      ['en', en, 'section,indicator,period,scope,code,label,value,unit,status,note', ','],
      ['fr', fr, 'section;indicateur;période;portée;code;libellé;valeur;unité;statut;note', ';'],
    ] as const) {
      const res = await api.as(f.coordinator.token).get(`/tables/${f.tableId}/reports/annual/${YEAR}.csv?lang=${lang}`).expect(200);
      expect(res.headers['content-type']).toContain('text/csv');
      expect(res.headers['content-disposition']).toBe(`attachment; filename="annual-report-table-${YEAR}.${lang}.csv"`);
      expect(res.text.startsWith(`\uFEFF${header}\n`)).toBe(true);
      const rows = parseCsv(res.text.replace(/^\uFEFF/, ''), delimiter).slice(1);
      expect(rows.every((r) => r.length === 10)).toBe(true);
      // the statuses, as published
      for (const c of v.referrals.cells) {
        const row = rows.find((r) => r[1] === 'I1' && r[4] === c.code)!;
        expect(row).toBeDefined();
        expect([row[2], row[5], row[6], row[8]]).toEqual([String(YEAR), c.label, c.count === null ? '' : String(c.count), c.count === null ? 'withheld' : 'published']);
      }
      for (const c of v.situationTypes.cells) expect(rows.find((r) => r[1] === 'I11' && r[4] === c.code)![6]).toBe(c.count === null ? '' : String(c.count));
      // the acceptance rate in percent, with the language's decimal mark
      const rate = rows.find((r) => r[4] === 'I2')!;
      const value = (Math.round(v.acceptanceRate.value! * 1000) / 10).toString();
      expect(rate[6]).toBe(lang === 'fr' ? value.replace('.', ',') : value);
      expect(rate[7]).toBe('percent');
      // no cell a spreadsheet would run
      expect(rows.flat().some((cell) => /^[=+\-@]/.test(cell))).toBe(false);
    }
  });

  it("shows gender at intake and consent status at closure as the year's summary publishes them (one unit)", async () => {
    for (const [lang, delimiter] of [
      ['en', ','],
      ['fr', ';'],
    ] as const) {
      const summary = (await api.as(f.analyst.token).get(`/tables/${f.tableId}/reports/summary?period=${YEAR}`, { 'accept-language': lang }).expect(200)).body;
      expect(summary.total).not.toBeNull();
      const csv = await api.as(f.analyst.token).get(`/tables/${f.tableId}/reports/annual/${YEAR}.csv?lang=${lang}`).expect(200);
      const rows = parseCsv(csv.text.replace(/^\uFEFF/, ''), delimiter).slice(1);
      // gender in the section on situations, consent in the one on outcomes
      for (const [section, cells] of [
        ['Situations', summary.byGender],
        [lang === 'fr' ? 'Interventions et résultats' : 'Interventions and outcomes', summary.byConsentStatus],
      ] as const) {
        for (const c of cells as Cell[]) {
          const row = rows.find((r) => r[0] === section && r[4] === c.code && r[5] === c.label && r[2] === String(YEAR));
          expect(row).toBeDefined();
          expect([row![6], row![8]]).toEqual([c.count === null ? '' : String(c.count), c.count === null ? 'withheld' : 'published']);
        }
        expect(rows.find((r) => r[0] === section && r[4] === 'TOTAL' && r[6] === String(summary.total))).toBeDefined();
      }
      // no longer "not available": gender and consent are published under the unit
      expect(rows.some((r) => r[8] === 'not available' && /gender|genre|consent/i.test(r[5]))).toBe(false);
    }
  });

  it('is audited as a report read, with the year and the format', async () => {
    await api.as(f.analyst.token).get(`/tables/${f.tableId}/reports/annual/${YEAR}.csv?lang=fr`).expect(200);
    let found: { details: Record<string, unknown> }[] = [];
    for (let i = 0; i < 40 && found.length === 0; i++) {
      found = (
        await owner.query(
          `SELECT details::jsonb AS details FROM audit_entries WHERE action = 'report.annual' AND table_id = $1 AND actor_id = $2 AND details::jsonb->>'format' = 'csv'`,
          [f.tableId, f.analyst.id],
        )
      ).rows;
      if (found.length === 0) await new Promise((r) => setTimeout(r, 100));
    }
    expect(found.map((e) => e.details)).toContainEqual({ year: YEAR, version: 1, format: 'csv', languages: ['fr'] });
    const pdf = await owner.query(`SELECT details::jsonb AS details FROM audit_entries WHERE action = 'report.annual' AND table_id = $1 AND actor_id = $2`, [
      f.tableId,
      f.coordinator.id,
    ]);
    expect(pdf.rows.map((e: { details: unknown }) => e.details)).toContainEqual({ year: YEAR, version: 1, format: 'pdf', languages: ['en', 'fr'] });
  });

  it('answers 4xx: a bad year, a year not over with its lag (409 with the date), a bad language, the wrong roles', async () => {
    const base = `/tables/${f.tableId}/reports/annual`;
    const c = api.as(f.coordinator.token);
    for (const year of ['abcd', '20255', '1999', '-2025']) {
      const res = await c.get(`${base}/${year}.pdf`);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    }
    const current = new Date().getUTCFullYear();
    for (const year of [current, current + 3]) {
      const res = await c.get(`${base}/${year}.csv?lang=en`).expect(409);
      expect(res.body.details).toEqual({ reason: 'ANNUAL_REPORT_NOT_YET', availableFrom: expect.any(String) });
      // the first of January after the year, plus 60 days, in the table's time zone (America/Toronto, UTC-5 in winter)
      expect(res.body.details.availableFrom).toBe(new Date(Date.UTC(year + 1, 0, 61, 5)).toISOString());
    }
    const fr = await api.as(f.coordinator.token).get(`${base}/${current}.pdf`, { 'accept-language': 'fr' }).expect(409);
    expect(fr.body.message).toContain("Le rapport annuel d'une année");
    await c.get(`${base}/${YEAR}.csv?lang=de`).expect(400);
    for (const token of [f.privacy.token, f.reps.police.token]) {
      await api.as(token).get(`${base}/${YEAR}.pdf`).expect(403);
      await api.as(token).get(`${base}/${YEAR}.csv`).expect(403);
    }
    await api.as(f.stranger.token).get(`${base}/${YEAR}.pdf`).expect(404);
    await api.as(f.admin.token).get(`${base}/${YEAR}.pdf`).expect(404);
  });

  it('is stored at the first download and served as stored; a correction is a new version, its changed figures marked r', async () => {
    const stored = async () =>
      (await owner.query(`SELECT version FROM annual_reports WHERE table_id = $1 AND year = $2 ORDER BY version`, [f.tableId, YEAR])).rows.map(
        (r: { version: number }) => r.version,
      );
    expect(await stored()).toEqual([1]);
    const csvRows = async (lang: 'en' | 'fr') =>
      parseCsv(
        (await api.as(f.analyst.token).get(`/tables/${f.tableId}/reports/annual/${YEAR}.csv?lang=${lang}`).expect(200)).text.replace(/^\uFEFF/, ''),
        lang === 'fr' ? ';' : ',',
      ).slice(1);
    const first = await csvRows('en');
    // a data fix: 10 more referrals of YEAR (the indicators change at once, the stored report does not)
    for (let i = 0; i < 10; i++) await submit(api, f, f.reps.school.token, { ...MEETS, situationType: 'FAMILY', ageBand: '12-15' });
    await owner.query(
      `UPDATE situations SET created_at = make_timestamptz($2, 6, 15, 14, 0, 0, 'America/Toronto') WHERE table_id = $1 AND created_at > now() - interval '1 hour'`,
      [f.tableId, YEAR],
    );
    const now = (await api.as(f.analyst.token).get(`/tables/${f.tableId}/reports/indicators?period=${YEAR}`).expect(200)).body as typeof en;
    expect(now.referrals.population).not.toBe(en.referrals.population);
    expect(await csvRows('en')).toEqual(first);
    // only a coordinator regenerates
    await api.as(f.analyst.token).post(`/tables/${f.tableId}/reports/annual/${YEAR}/versions`).expect(403);
    const made = await api.as(f.coordinator.token).post(`/tables/${f.tableId}/reports/annual/${YEAR}/versions`).expect(201);
    expect(made.body).toEqual({ year: YEAR, version: 2, generatedAt: expect.any(String) });
    expect(await stored()).toEqual([1, 2]);
    const second = await csvRows('en');
    const referrals = second.find((r) => r[1] === 'I1' && r[4] === 'I1')!;
    expect(referrals[6]).toBe(String(now.referrals.population));
    expect(referrals[9]).toBe('revised');
    // a figure that did not change is not marked
    const unchanged = second.filter((r) => r[1] === 'I17' && r[4] === 'POPULATION');
    expect(unchanged).toHaveLength(1);
    expect(unchanged[0].slice(6)).toEqual(['', 'count', 'withheld', '']);
    expect((await csvRows('fr')).find((r) => r[1] === 'I1' && r[4] === 'I1')![9]).toBe('révisé');
    const pdf = pdfText((await api.as(f.coordinator.token).get(`/tables/${f.tableId}/reports/annual/${YEAR}.pdf`).buffer(true).expect(200)).body as Buffer).split('\n');
    expect(pdf).toContain(`${now.referrals.population} r`);
    expect(pdf).toContain(`Version`);
    // not before the year is over
    await api.as(f.coordinator.token).post(`/tables/${f.tableId}/reports/annual/${new Date().getUTCFullYear()}/versions`).expect(409);
    // two corrections at once: a version each
    const both = await Promise.all([0, 1].map(() => api.as(f.coordinator.token).post(`/tables/${f.tableId}/reports/annual/${YEAR}/versions`)));
    expect(both.map((r) => r.status)).toEqual([201, 201]);
    expect(both.map((r) => r.body.version).sort()).toEqual([3, 4]);
    const generated = (
      await owner.query(`SELECT details::jsonb AS details FROM audit_entries WHERE action = 'report.annual.generate' AND table_id = $1 ORDER BY seq`, [f.tableId])
    ).rows.map((r: { details: unknown }) => r.details);
    expect(generated.slice(0, 2)).toEqual([
      { year: YEAR, version: 1 },
      { year: YEAR, version: 2 },
    ]);
    expect(generated).toHaveLength(4);
  });
});
