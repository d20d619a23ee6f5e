/**
 * Reference data, version 2026.2: version 2026.1 plus the purposes of an identity read.
 *
 * Codes are stable identifiers: never rename or reuse one. To change the data, add a new version.
 * Integrity is checked by taxonomy.spec.ts.
 */
import type { CodedItem, TaxonomyData } from './taxonomy.types';
import { TAXONOMY_V1 } from './taxonomy.v1';

const c = (code: string, en: string, fr: string): CodedItem => ({ code, label: { en, fr } });

/**
 * Why a representative reads an identity (domain.md: each read states a purpose, a code and a
 * note). OTHER needs a note; the note of any code is checked like every later free text.
 */
const accessPurposes: CodedItem[] = [
  c('HOME_VISIT', 'Home visit or joint door knock', 'Visite à domicile ou visite conjointe'),
  c('SAFETY_PLANNING', 'Safety planning', 'Planification de la sécurité'),
  c('SERVICE_CONNECTION', 'Connecting the person to services', 'Mise en lien avec des services'),
  c('CONTACT_ATTEMPT', 'Contacting the person', 'Prise de contact avec la personne'),
  c('INTERVENTION_PLANNING', 'Planning the intervention among the agencies', "Planification de l'intervention entre les organismes"),
  c('LEGAL_OBLIGATION', 'Legal obligation (e.g. a duty to report)', 'Obligation légale (p. ex. obligation de signaler)'),
  c('OTHER', 'Other (explained in the note)', 'Autre (précisé dans la note)'),
];

export const TAXONOMY_V2: TaxonomyData = {
  ...TAXONOMY_V1,
  version: '2026.2',
  accessPurposes,
};
