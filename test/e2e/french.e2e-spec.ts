import { Client } from 'pg';
import { Api, PASSWORD, TableFixture, unique } from '../support/api';
import { englishIn, rejectedTerms, stringsOf, typographyProblems } from '../support/french';
import { submit, walkTo } from '../support/situations';
import { TestApp } from '../support/test-app';
import { openWorld } from '../support/world';

/**
 * French that reads as French (issue 20), through the API: the reference data and the labels of
 * every code a person reads, and error answers with nothing English and no raw code in them.
 */
const FR = { 'accept-language': 'fr-CA,fr;q=0.9' };
const LIST_LABEL_MAX = 50;

describe('French answers (issue 20)', () => {
  let t: TestApp;
  let api: Api;
  let f: TableFixture;
  let owner: Client;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ t, api, f, owner, close } = await openWorld());
  });
  afterAll(() => close());

  /** What in a French error answer is not French (message, error, field problems). */
  const notFrench = (body: { message: string; error: string; details?: { fields?: { problem: string }[] } }): string[] =>
    [body.message, body.error, ...(body.details?.fields ?? []).map((x) => x.problem)].flatMap((text) => englishIn(text).map((p) => `"${text}": ${p}`));

  describe('reference data', () => {
    it('serves taxonomy 2026.5 (2026.4, with the legal authorities and the dormant closure of issue 17, plus the system barriers of issue 19) with a short label for lists (50 characters at most) and the full label for detail', async () => {
      const fr = await api.as(f.analyst.token).get('/taxonomy', FR).expect(200);
      expect(fr.body.version).toBe('2026.5');
      const lists = Object.entries(fr.body as Record<string, unknown>).filter(([, v]) => Array.isArray(v)) as [string, { code: string; label: string; shortLabel: string }[]][];
      expect(lists.length).toBeGreaterThanOrEqual(14);
      for (const [name, items] of lists) {
        for (const i of items) {
          expect(typeof i.label).toBe('string');
          if ([...i.shortLabel].length > LIST_LABEL_MAX) throw new Error(`${name}.${i.code}: ${i.shortLabel}`);
        }
      }
      const cspa = fr.body.legalAuthorities.find((a: { code: string }) => a.code === 'CSPA_2019');
      expect(cspa.label.length).toBeGreaterThan(100);
      expect(cspa.shortLabel.length).toBeLessThanOrEqual(LIST_LABEL_MAX);
      expect(fr.body.genders.find((g: { code: string }) => g.code === 'TWO_SPIRIT').label).toBe('Personne bispirituelle');
      expect(fr.body.riskCategories.find((c: { code: string }) => c.code === 'CRIMINAL_INVOLVEMENT').label).toBe('Activités criminelles');
    });

    it('serves the labels of statuses, roles, certainty, threshold criteria and notification kinds in both languages', async () => {
      const fr = await api.as(f.analyst.token).get('/taxonomy', FR).expect(200);
      const en = await api.as(f.analyst.token).get('/taxonomy').expect(200);
      const label = (body: { labels: Record<string, { code: string; label: string }[]> }, list: string, code: string) => body.labels[list].find((i) => i.code === code)?.label;
      expect(label(fr.body, 'statuses', 'MOBILIZED')).toBe('Intervention en cours');
      expect(label(fr.body, 'statuses', 'ASSIGNED')).toBe('Attribuée');
      expect(label(en.body, 'statuses', 'ASSIGNED')).toBe('Assigned');
      expect(label(fr.body, 'roles', 'PRIVACY_OFFICER')).toBe('Responsable de la protection de la vie privée');
      expect(label(fr.body, 'certainty', 'SUSPECTED')).toBe('Soupçonné');
      expect(label(fr.body, 'thresholdCriteria', 'CONFIRMED_FACTORS')).toBe('Facteurs confirmés');
      expect(fr.body.labels.thresholdCriteria[0].description).toMatch(/^L'organisme d'origine/);
      expect(label(fr.body, 'notificationKinds', 'MOBILIZATION_OVERDUE')).toBe('Intervention en retard');
      expect(label(en.body, 'notificationKinds', 'MOBILIZATION_OVERDUE')).toBe('Intervention overdue');
    });

    it('every French string of the reference data follows the glossary and French typography', async () => {
      const fr = await api.as(f.analyst.token).get('/taxonomy', FR).expect(200);
      const texts = stringsOf(fr.body).filter(({ where }) => /(label|shortLabel|description)$/.test(where));
      expect(texts.length).toBeGreaterThan(400);
      const bad = texts.flatMap(({ where, text }) => [...rejectedTerms(text), ...typographyProblems(text)].map((p) => `${where}: ${text}: ${p}`));
      expect(bad).toEqual([]);
    });

    it('records 2026.5 on new situations; 2026.1 to 2026.4 stay stored, readable, for the situations that recorded them', async () => {
      const s = await submit(api, f);
      const row = await owner.query<{ v: string }>('SELECT taxonomy_version AS v FROM situations WHERE id = $1', [s.id]);
      expect(row.rows[0].v).toBe('2026.5');
      const versions = await owner.query<{ version: string; fr: string }>(
        `SELECT version, (SELECT x->'label'->>'fr' FROM jsonb_array_elements(data::jsonb->'genders') x WHERE x->>'code' = 'TWO_SPIRIT') AS fr FROM taxonomy_versions ORDER BY version`,
      );
      expect(versions.rows).toEqual([
        { version: '2026.1', fr: 'Bispirituel' },
        { version: '2026.2', fr: 'Bispirituel' },
        { version: '2026.3', fr: 'Personne bispirituelle' },
        { version: '2026.4', fr: 'Personne bispirituelle' },
        { version: '2026.5', fr: 'Personne bispirituelle' },
      ]);
    });
  });

  describe('errors in French: full French sentences, no English, no raw code', () => {
    it('a conflict gives its reason as a code and a French sentence (409)', async () => {
      const email = `${unique('fr-conflict')}@example.test`;
      const admin = api.as(f.admin.token);
      await admin.post('/users', { email, displayName: 'Conflit Inventé', password: PASSWORD, agencyId: f.agencies.police.id }).expect(201);
      const fr = await admin.post('/users', { email, displayName: 'Conflit Inventé', password: PASSWORD, agencyId: f.agencies.police.id }, FR).expect(409);
      expect(fr.body).toMatchObject({
        statusCode: 409,
        code: 'CONFLICT',
        error: 'Conflit',
        message: 'Cette adresse courriel est déjà utilisée.',
        details: { reason: 'EMAIL_TAKEN' },
      });
      expect(notFrench(fr.body)).toEqual([]);
      const en = await admin.post('/users', { email, displayName: 'Conflit Inventé', password: PASSWORD, agencyId: f.agencies.police.id }).expect(409);
      expect(en.body).toMatchObject({ error: 'Conflict', message: 'Conflict: e-mail already in use', details: { reason: 'EMAIL_TAKEN' } });
    });

    it('an action that no longer applies names the status by its label (409)', async () => {
      const id = await walkTo(api, f, 'CLOSED');
      const res = await api
        .as(f.coordinator.token)
        .post(`/situations/${id}/decision`, { outcome: 'NOT_AER', rationale: "Nous avons changé d'avis sur cette situation." }, FR)
        .expect(409);
      expect(res.body.code).toBe('INVALID_TRANSITION');
      expect(res.body.message).toBe("Cette action ne s'applique plus à une situation au statut «\u00A0Fermée\u00A0».");
      expect(res.body.details).toMatchObject({ status: 'CLOSED' });
      expect(notFrench(res.body)).toEqual([]);
    });

    it('validation problems, the `error` field and sign-in failures are French', async () => {
      const invalid = await api.as(f.admin.token).post('/agencies', { name: '', sector: 'NOPE', extra: 1 }, FR).expect(400);
      expect(invalid.body.error).toBe('Requête incorrecte');
      expect(invalid.body.details.fields.length).toBeGreaterThanOrEqual(2);
      expect(notFrench(invalid.body)).toEqual([]);
      const login = await api
        .as()
        .post('/auth/login', { email: `${unique('nobody')}@example.test`, password: 'not-the-password-at-all' }, FR)
        .expect(401);
      expect(login.body.message).toBe('Adresse courriel ou mot de passe incorrect.');
      expect(notFrench(login.body)).toEqual([]);
      const anonymous = await api.as().get('/auth/me', FR).expect(401);
      expect(notFrench(anonymous.body)).toEqual([]);
      const forbidden = await api.as(f.analyst.token).post(`/tables/${f.tableId}/situations`, {}, FR).expect(403);
      expect(forbidden.body.message).toBe("Vous n'avez pas l'autorisation d'effectuer cette action.");
      expect(notFrench(forbidden.body)).toEqual([]);
    });

    it("Fastify's router errors get the contract's answer, in French too (a URL it cannot decode, an over-long parameter)", async () => {
      for (const path of ['/tables/%zz', `/tables/${'a'.repeat(300)}`]) {
        const res = await api.as(f.coordinator.token).get(path, FR).expect(400);
        expect(res.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED', error: 'Requête incorrecte' });
        expect(res.body.message).not.toContain(path.slice(1));
        expect(notFrench(res.body)).toEqual([]);
      }
      const en = await api.as(f.coordinator.token).get('/tables/%zz').expect(400);
      expect(en.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED', error: 'Bad Request' });
    });

    it('the stop-list sees English when there is some (the check checks)', () => {
      expect(englishIn('Conflit\u00A0: e-mail already in use')).not.toEqual([]);
      expect(englishIn('Bad Request')).not.toEqual([]);
      expect(englishIn("Cette action ne s'applique plus au statut CLOSED.")).not.toEqual([]);
      expect(t).toBeDefined();
    });
  });
});
