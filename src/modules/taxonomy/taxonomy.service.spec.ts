import { TaxonomyService } from './taxonomy.service';

describe('TaxonomyService: labels of codes that are not reference data', () => {
  const taxonomy = new TaxonomyService();

  it('labels a status from LABELS.statuses in each language, NOT_APPLICABLE included', () => {
    expect(taxonomy.statusLabel('MOBILIZED', 'en')).toBe('Mobilized');
    expect(taxonomy.statusLabel('MOBILIZED', 'fr')).toBe('Intervention en cours');
    expect(taxonomy.statusLabel('NOT_APPLICABLE', 'fr')).toBe('Sans objet');
    expect(taxonomy.codeLabel('statuses', 'CLOSED', 'fr')).toBe(taxonomy.statusLabel('CLOSED', 'fr'));
  });

  it('labels the other kinds, and answers the code itself when the list does not know it', () => {
    expect(taxonomy.codeLabel('roles', 'ANALYST', 'fr')).toBe('Analyste');
    expect(taxonomy.codeLabel('decisionOutcomes', 'AER', 'fr')).toBe('Risque très élevé');
    expect(taxonomy.codeLabel('statuses', 'NO_SUCH_STATUS', 'en')).toBe('NO_SUCH_STATUS');
  });

  it('serves the same labels as GET /taxonomy does', () => {
    for (const lang of ['en', 'fr'] as const) {
      for (const s of taxonomy.localized(lang).labels.statuses) expect(taxonomy.statusLabel(s.code, lang)).toBe(s.label);
    }
  });
});
