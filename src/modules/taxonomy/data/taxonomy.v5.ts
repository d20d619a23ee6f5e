/**
 * Reference data, version 2026.5: version 2026.4 with the system barriers (docs/evaluation.md,
 * section 5, issue 19): the coded reasons, outside the person and the agencies' will, why a needed
 * service could not be connected (`systemBarriers`, in the order of their bit in
 * `situations.barrier_mask`), and where the table recorded one (`systemBarrierContexts`). Other lists
 * are 2026.4's.
 *
 * Codes are stable identifiers: never rename or reuse one. To change the data, add a new version.
 * Integrity is checked by taxonomy.spec.ts, the French by src/french.spec.ts.
 */
import type { CodedItem, TaxonomyData } from './taxonomy.types';
import { TAXONOMY_V4 } from './taxonomy.v4';

export const SYSTEM_BARRIERS_2026_5: CodedItem[] = [
  { code: 'NO_SERVICE', label: { en: 'No service available', fr: 'Aucun service disponible' } },
  { code: 'WAIT_LIST', label: { en: 'Wait list', fr: "Liste d'attente" } },
  { code: 'ELIGIBILITY', label: { en: 'Eligibility criteria', fr: "Critères d'admissibilité" } },
  { code: 'CAPACITY', label: { en: 'Insufficient capacity', fr: 'Capacité insuffisante' } },
  {
    code: 'GEOGRAPHY',
    label: { en: 'Geography (distance, area served, transportation)', fr: 'Géographie (distance, territoire desservi, transport)' },
    shortLabel: { en: 'Geography', fr: 'Géographie' },
  },
  {
    code: 'LANGUAGE',
    label: { en: "Language (not offered in the person's language)", fr: 'Langue (service non offert dans la langue de la personne)' },
    shortLabel: { en: 'Language', fr: 'Langue' },
  },
  { code: 'OTHER', label: { en: 'Other (see the note)', fr: 'Autre (voir la note)' } },
];

export const SYSTEM_BARRIER_CONTEXTS_2026_5: CodedItem[] = [
  { code: 'CLOSURE', label: { en: 'At closure', fr: 'Fermeture' } },
  { code: 'LEAD_DECLINE', label: { en: 'Lead declined', fr: 'Refus de la responsabilité' } },
  { code: 'ACTION_NOT_DONE', label: { en: 'Action not done', fr: 'Action non réalisée' } },
];

export const TAXONOMY_V5: TaxonomyData & Required<Pick<TaxonomyData, 'systemBarriers' | 'systemBarrierContexts'>> = {
  ...TAXONOMY_V4,
  version: '2026.5',
  systemBarriers: SYSTEM_BARRIERS_2026_5,
  systemBarrierContexts: SYSTEM_BARRIER_CONTEXTS_2026_5,
};
