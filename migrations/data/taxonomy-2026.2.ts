/**
 * Reference data version 2026.2 exactly as it was released: 2026.1 (itself frozen) plus the
 * purposes of an identity read, for the migration that seeds it. Never edit this file.
 */
import { FrozenTaxonomy, TAXONOMY_2026_1 } from './taxonomy-2026.1';

export const TAXONOMY_2026_2: FrozenTaxonomy = {
  ...TAXONOMY_2026_1,
  version: '2026.2',
  accessPurposes: [
    {
      "code": "HOME_VISIT",
      "label": {
        "en": "Home visit or joint door knock",
        "fr": "Visite à domicile ou visite conjointe"
      }
    },
    {
      "code": "SAFETY_PLANNING",
      "label": {
        "en": "Safety planning",
        "fr": "Planification de la sécurité"
      }
    },
    {
      "code": "SERVICE_CONNECTION",
      "label": {
        "en": "Connecting the person to services",
        "fr": "Mise en lien avec des services"
      }
    },
    {
      "code": "CONTACT_ATTEMPT",
      "label": {
        "en": "Contacting the person",
        "fr": "Prise de contact avec la personne"
      }
    },
    {
      "code": "INTERVENTION_PLANNING",
      "label": {
        "en": "Planning the intervention among the agencies",
        "fr": "Planification de l'intervention entre les organismes"
      }
    },
    {
      "code": "LEGAL_OBLIGATION",
      "label": {
        "en": "Legal obligation (e.g. a duty to report)",
        "fr": "Obligation légale (p. ex. obligation de signaler)"
      }
    },
    {
      "code": "OTHER",
      "label": {
        "en": "Other (explained in the note)",
        "fr": "Autre (précisé dans la note)"
      }
    }
  ],
};
