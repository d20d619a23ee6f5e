/**
 * Labels, in English and French, of every code a person reads that is not reference data:
 * situation statuses, roles, certainty, the threshold's criteria, decision outcomes, meeting
 * kinds, notification kinds, audit outcomes and anomaly kinds. Served by GET /taxonomy under
 * `labels` (TaxonomyService); the French follows docs/glossary.md. Every label fits a list
 * (LIST_LABEL_MAX characters); `description` is the longer text for a detail view.
 *
 * Pure data: no framework import.
 */
import type { Label } from './data/taxonomy.types';

export interface LabelledCode {
  code: string;
  label: Label;
  description?: Label;
}

const l = (code: string, en: string, fr: string, description?: Label): LabelledCode => ({ code, label: { en, fr }, ...(description ? { description } : {}) });

export const LABELS = {
  /** Situation statuses (the state machine's, domain.md), and NOT_APPLICABLE for report cells. */
  statuses: [
    l('SUBMITTED', 'Submitted', 'Soumise'),
    l('DEFERRED', 'Deferred', 'Reportée', {
      en: 'Deferred: the table needs more information from the originating agency.',
      fr: "Reportée : la table a besoin de plus d'information de l'organisme d'origine.",
    }),
    l('ACCEPTED', 'Accepted', 'Acceptée'),
    l('REJECTED', 'Rejected', 'Rejetée'),
    l('WITHDRAWN', 'Withdrawn', 'Retirée'),
    l('ASSIGNED', 'Assigned', 'Attribuée'),
    l('MOBILIZED', 'Mobilized', 'Intervention en cours'),
    l('CLOSED', 'Closed', 'Fermée'),
    l('NOT_APPLICABLE', 'Not applicable', 'Sans objet'),
  ],
  roles: [
    l('ADMIN', 'Administrator', 'Administrateur ou administratrice'),
    l('COORDINATOR', 'Coordinator', 'Coordonnateur ou coordonnatrice'),
    l('AGENCY_REP', 'Agency representative', "Représentant ou représentante d'organisme"),
    l('PRIVACY_OFFICER', 'Privacy officer', 'Responsable de la protection de la vie privée'),
    l('ANALYST', 'Analyst', 'Analyste'),
  ],
  certainty: [l('CONFIRMED', 'Confirmed', 'Confirmé'), l('SUSPECTED', 'Suspected', 'Soupçonné')],
  thresholdCriteria: [
    l('IMMINENT_HARM', 'Risk of imminent harm', 'Risque de préjudice imminent', {
      en: 'The originating agency attests a risk of imminent harm.',
      fr: "L'organisme d'origine atteste un risque de préjudice imminent.",
    }),
    l('AGENCY_EXHAUSTED_OPTIONS', 'Agency options exhausted', "Options de l'organisme épuisées", {
      en: 'The originating agency attests it has exhausted its own options.',
      fr: "L'organisme d'origine atteste avoir épuisé ses propres options.",
    }),
    l('RISK_FACTORS', 'Risk factors', 'Facteurs de risque', {
      en: 'Distinct risk factors, at least the number the table requires.',
      fr: 'Facteurs de risque distincts, au moins le nombre que la table exige.',
    }),
    l('CATEGORIES', 'Risk categories', 'Catégories de risque', {
      en: 'Risk categories the factors belong to, at least the number the table requires.',
      fr: 'Catégories de risque des facteurs, au moins le nombre que la table exige.',
    }),
    l('SECTORS', 'Sectors concerned', 'Secteurs concernés', {
      en: 'Sectors whose mandate covers those categories, at least the number the table requires.',
      fr: 'Secteurs dont le mandat couvre ces catégories, au moins le nombre que la table exige.',
    }),
    l('CONFIRMED_FACTORS', 'Confirmed factors', 'Facteurs confirmés', {
      en: 'Risk factors confirmed rather than suspected, at least the number the table requires.',
      fr: 'Facteurs de risque confirmés plutôt que soupçonnés, au moins le nombre que la table exige.',
    }),
  ],
  decisionOutcomes: [
    l('AER', 'Acutely elevated risk', 'Risque très élevé'),
    l('NOT_AER', 'Not acutely elevated risk', 'Pas de risque très élevé'),
    l('DEFERRED', 'Deferred, more information needed', 'Reportée, information requise'),
  ],
  meetingKinds: [l('REGULAR', 'Regular meeting', 'Réunion ordinaire'), l('EMERGENCY', 'Emergency meeting', "Réunion d'urgence")],
  notificationKinds: [
    l('SITUATION_ASSIGNED', 'Situation assigned', 'Situation attribuée'),
    l('MOBILIZATION_OVERDUE', 'Intervention overdue', 'Intervention en retard'),
    l('MOBILIZATION_WARNING', 'Intervention due within 24 hours', 'Intervention attendue dans les 24 heures'),
    l('DEFERRAL_OVERDUE', 'Deferred referral unanswered', "Demande d'intervention reportée sans réponse"),
    l('LEAD_ANSWER_OVERDUE', 'Lead unanswered after 24 hours', 'Organisme responsable sans réponse après 24 h'),
    l('LEAD_DECLINED', 'Lead declined: assign again', 'Rôle de responsable refusé, à réattribuer'),
    l('PASSWORD_SET_BY_ADMINISTRATOR', 'Password set by an administrator', "Mot de passe défini par l'administration"),
  ],
  /** Why a lead agency declines its lead (POST /situations/:id/lead-answer `reasonCode`). */
  leadDeclineReasons: [
    l('CAPACITY', 'No capacity', 'Capacité insuffisante', {
      en: 'The agency cannot take the lead now (staff, caseload).',
      fr: "L'organisme ne peut pas assumer la responsabilité maintenant (personnel, charge de travail).",
    }),
    l('MANDATE', 'Outside our mandate', 'Hors de notre mandat', {
      en: "The situation's risks fall outside the agency's mandate.",
      fr: "Les risques de la situation ne relèvent pas du mandat de l'organisme.",
    }),
    l('CONFLICT', 'Conflict of interest', "Conflit d'intérêts", {
      en: 'The agency has a conflict (an existing relationship, a role in the matter).',
      fr: "L'organisme est en conflit (une relation existante, un rôle dans l'affaire).",
    }),
    l('OTHER', 'Other reason (see the note)', 'Autre raison (voir la note)'),
  ],
  auditOutcomes: [l('SUCCESS', 'Granted', 'Accordé'), l('DENIED', 'Refused', 'Refusé')],
  anomalyKinds: [
    l('IDENTITY_REFUSED', 'Identity read refused', "Consultation d'identité refusée"),
    l('UNUSUAL_READ_RATE', 'Unusual read rate', 'Rythme de consultation inhabituel'),
    l('OUTSIDE_OFFICE_HOURS', 'Read outside office hours', 'Consultation hors des heures de bureau'),
    l('READ_LONG_AFTER_CLOSURE', 'Read long after closure', 'Consultation longtemps après la fermeture'),
    l('REPEATED_REFUSALS', 'Repeated refusals', 'Refus répétés'),
    l('IDENTITY_INTEGRITY_FAILURE', 'Identity integrity failure', "Échec du contrôle d'intégrité de l'identité"),
    l('IDENTITY_GUESSES', 'Identity guesses', "Tentatives de deviner l'identité"),
  ],
} as const satisfies Record<string, readonly LabelledCode[]>;

export type LabelList = keyof typeof LABELS;

/** The label of a code in a list, or the code itself when the list does not know it. */
export function labelOf(list: LabelList, code: string, lang: 'en' | 'fr'): string {
  const item = (LABELS[list] as readonly LabelledCode[]).find((i) => i.code === code);
  return item ? item.label[lang] : code;
}
