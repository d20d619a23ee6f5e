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
    l('DUPLICATE', 'Duplicate', 'Doublon', {
      en: 'Closed as a duplicate of another referral of the table: only its stub and the link are kept.',
      fr: "Fermée comme doublon d'une autre demande d'intervention de la table : seuls son résumé et le lien sont conservés.",
    }),
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
    l('SITUATION_DORMANT', 'Situation dormant: no activity', 'Situation inactive : aucune activité'),
    l('SITUATION_CLOSED_DORMANT', 'Situation closed as dormant', 'Situation fermée pour inactivité'),
    l('LEAD_ANSWER_OVERDUE', 'Lead unanswered after 24 hours', 'Organisme responsable sans réponse après 24 h'),
    l('LEAD_DECLINED', 'Lead declined: assign again', 'Rôle de responsable refusé, à réattribuer'),
    l('AGENDA_PUBLISHED', 'Meeting agenda published', 'Ordre du jour de la rencontre publié'),
    l('MINUTES_READY', 'Minutes ready for review', 'Procès-verbal prêt pour relecture'),
    l('PASSWORD_SET_BY_ADMINISTRATOR', 'Password set by an administrator', "Mot de passe défini par l'administration"),
    l('DISCLOSURE_NOTICE_OVERDUE', 'Notice of a disclosure overdue', "Avis d'une divulgation en retard"),
  ],
  /** How notice of a disclosure was given to the person (POST /situations/:id/disclosures/:disclosureId/notice `method`). */
  noticeMethods: [
    l('MAIL_LAST_KNOWN_ADDRESS', 'Mailed to the last known address', 'Envoyé par la poste à la dernière adresse connue'),
    l('IN_PERSON', 'Given in person', 'Remis en personne'),
    l('ELECTRONIC', 'Sent electronically', 'Envoyé par voie électronique'),
    l('TELEPHONE', 'Told by telephone', 'Communiqué par téléphone'),
  ],
  /** What the person's consent covers (a disclosure's consent `scope`). */
  consentScopes: [
    l('INTERVENING_AGENCIES', 'Sharing with the intervening agencies', 'Divulgation aux organismes intervenants'),
    l('TABLE_AGENCIES', "Sharing with the table's agencies", 'Divulgation aux organismes de la table'),
    l('NAMED_SERVICES', 'Sharing for the services named only', 'Divulgation pour les services nommés seulement'),
  ],
  /** Whether notice of a disclosure is required, pending, given or overdue (the disclosure register). */
  noticeStatuses: [
    l('NOT_REQUIRED', 'No notice required', 'Aucun avis requis'),
    l('PENDING', 'Notice pending', 'Avis à donner'),
    l('GIVEN', 'Notice given', 'Avis donné'),
    l('OVERDUE', 'Notice overdue', 'Avis en retard'),
  ],
  /** The groups of conclusions (taxonomy `conclusions[].group`), as the evaluation indicators count them (docs/evaluation.md, I7). */
  conclusionGroups: [
    l('RISK_LOWERED', 'Risk lowered', 'Risque réduit'),
    l('STILL_AER', 'Still at acutely elevated risk', 'Toujours à risque très élevé'),
    l('OTHER', 'Other', 'Autre'),
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
  /** An agency's action (POST /situations/:id/actions; domain/actions.ts). */
  actionStatuses: [l('PLANNED', 'Planned', 'Prévue'), l('DONE', 'Done', 'Réalisée'), l('NOT_DONE', 'Could not be done', 'Non réalisée')],
  /** Why an action could not be done (PATCH /situations/:id/actions/:actionId `reasonCode`). */
  actionNotDoneReasons: [
    l('PERSON_DECLINED', 'The person declined', 'La personne a refusé'),
    l('NOT_REACHED', 'The person could not be reached', 'Personne injoignable'),
    l('NOT_ELIGIBLE', 'Not eligible for the service', 'Non admissible au service'),
    l('NO_CAPACITY', 'No capacity', 'Capacité insuffisante', {
      en: 'The agency could not do it in time (staff, waiting list).',
      fr: "L'organisme n'a pas pu le faire à temps (personnel, liste d'attente).",
    }),
    l('CIRCUMSTANCES_CHANGED', 'Circumstances changed', 'La situation a changé', {
      en: 'The action is no longer needed or no longer fits.',
      fr: "L'action n'est plus nécessaire ou ne convient plus.",
    }),
    l('OTHER', 'Other reason (see the note)', 'Autre raison (voir la note)'),
  ],
  /** What came of an attempt to contact the person (POST /situations/:id/contact-attempts `outcome`). */
  contactOutcomes: [
    l('REACHED', 'Reached', 'Personne jointe'),
    l('NO_ANSWER', 'No answer', 'Aucune réponse'),
    l('MESSAGE_LEFT', 'Message left', 'Message laissé'),
    l('DECLINED', 'Declined contact', 'Contact refusé'),
    l('WRONG_CONTACT_DETAILS', 'Wrong contact details', 'Coordonnées erronées'),
    l('OTHER', 'Other outcome (see the note)', 'Autre résultat (voir la note)'),
  ],
  /** A person's role in the subject of a situation (PUT /situations/:id/subject `persons[].role`). */
  subjectRoles: [
    l('PRIMARY', 'Person at risk', 'Personne à risque', {
      en: 'The person the situation is about (exactly one).',
      fr: 'La personne visée par la situation (une seule).',
    }),
    l('PARENT', 'Parent', 'Parent'),
    l('GUARDIAN', 'Guardian', 'Tuteur ou tutrice'),
    l('CHILD', 'Child', 'Enfant'),
    l('SIBLING', 'Sibling', 'Frère ou sœur'),
    l('PARTNER', 'Partner', 'Conjoint ou conjointe'),
    l('OTHER_HOUSEHOLD', 'Other household member', 'Autre membre du ménage'),
    l('OTHER', 'Other', 'Autre'),
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
