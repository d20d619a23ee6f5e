/**
 * Reference data, version 2026.3: version 2026.2 with its French corrected after a language
 * review (docs/glossary.md, "Taxonomy 2026.3"), and a short label for lists wherever a label is
 * longer than LIST_LABEL_MAX characters. Codes are unchanged: a situation recorded under 2026.1 or
 * 2026.2 keeps its codes and its version; those versions stay in taxonomy_versions, readable.
 *
 * Codes are stable identifiers: never rename or reuse one. To change the data, add a new version.
 * Integrity is checked by taxonomy.spec.ts, the French by src/i18n/french.spec.ts.
 */
import type { Label, TaxonomyData } from './taxonomy.types';
import { TAXONOMY_V2 } from './taxonomy.v2';

interface Change {
  /** the corrected full label */
  label?: Partial<Label>;
  /** the label for lists, when the full one is longer than LIST_LABEL_MAX */
  short?: Label;
}
const L = (en: string, fr: string): Label => ({ en, fr });
const relabel = (fr: string, en?: string): Partial<Label> => (en ? { en, fr } : { fr });

type ListName = Exclude<keyof TaxonomyData, 'version'>;

/** Every change of 2026.3, list by list and code by code (docs/glossary.md lists the reasons). */
export const CHANGES_2026_3: Partial<Record<ListName, Record<string, Change>>> = {
  sectors: {
    DEVELOPMENTAL_SERVICES: { short: L('Developmental services', 'Services en déficience intellectuelle') },
  },
  riskCategories: {
    CRIMINAL_INVOLVEMENT: { label: relabel('Activités criminelles') },
  },
  riskFactors: {
    ANTISOCIAL_BEHAVIOUR_HOME: { short: L('Antisocial behaviour within the home', 'Comportement antisocial au sein du foyer') },
    ANTISOCIAL_BEHAVIOUR_PERSON_DISRUPTIVE: { short: L('Disruptive behaviour in the community', 'Comportement perturbateur dans la collectivité') },
    BASIC_NEEDS_PERSON_UNABLE: { short: L('Unable to meet own basic needs', 'Incapable de subvenir à ses besoins fondamentaux') },
    BASIC_NEEDS_PERSON_NEGLECTING_OTHERS: { short: L("Neglecting others' basic needs", "Néglige les besoins fondamentaux d'autrui") },
    COGNITIVE_FUNCTIONING_DIAGNOSED: { short: L('Diagnosed cognitive impairment', 'Déficience cognitive diagnostiquée') },
    COGNITIVE_FUNCTIONING_FASD: { short: L('FASD', "Trouble du spectre de l'alcoolisation fœtale") },
    CRIME_VICTIMIZATION_PERSON_THREATS: { short: L('Victim of threats or criminal harassment', 'Victime de menaces ou de harcèlement criminel') },
    CRIMINAL_INVOLVEMENT_PERSON_THEFT: { short: L('Involved in theft or robbery', 'Vols ou vols qualifiés') },
    CRIMINAL_INVOLVEMENT_PERSON_PROPERTY: { short: L('Involved in property crime', 'Crimes contre les biens') },
    CRIMINAL_INVOLVEMENT_PERSON_WEAPONS: { short: L('Involved in weapons offences', 'Infractions liées aux armes') },
    CRIMINAL_INVOLVEMENT_PERSON_BREACH: { short: L('Breaching court orders or release conditions', "Non-respect d'ordonnances ou de conditions") },
    CRIMINAL_INVOLVEMENT_PERSON_OTHER: { label: relabel('Autres activités criminelles de la personne') },
    CRIMINAL_INVOLVEMENT_HOME: { label: relabel('Activités criminelles au sein du foyer') },
    DRUGS_PERSON_PRESCRIPTION_MISUSE: {
      label: relabel('Mésusage de médicaments sur ordonnance par la personne'),
      short: L('Prescription drug misuse', 'Mésusage de médicaments sur ordonnance'),
    },
    DRUGS_PERSON_INJECTION: { short: L('Injection drug use', 'Consommation de drogues par injection') },
    ELDER_ABUSE_PERSON_PERPETRATOR: { short: L('Perpetrator of elder abuse', 'Maltraite une personne aînée') },
    EMOTIONAL_VIOLENCE_PERSON_BULLYING: { short: L('Victim of bullying or cyberbullying', "Victime d'intimidation ou de cyberintimidation") },
    GAMBLING_PERSON_CHRONIC: { short: L('Chronic gambling', "Pratique chronique des jeux de hasard et d'argent") },
    MENTAL_HEALTH_PERSON_NOT_TREATED: {
      label: relabel('Personne ne suivant pas son traitement en santé mentale ou ne prenant pas ses médicaments'),
      short: L('Not following treatment or medication', 'Traitement ou médicaments non suivis'),
    },
    MISSING_RUNAWAY_PERSON_HISTORY: { short: L('History of running away or going missing', 'Antécédents de fugue ou de disparition') },
    NEGATIVE_PEERS_PERSON_ASSOCIATION: { short: L('Associating with negative peers', 'Fréquente des pairs ayant une influence négative') },
    NEGATIVE_PEERS_PERSON_CRIMINAL_PEERS: { short: L('Associating with criminally involved peers', 'Fréquente des pairs impliqués dans la criminalité') },
    PARENTING_CHILD_PROTECTION_CONCERN: { short: L('Child protection concerns', "Préoccupations liées à la protection de l'enfance") },
    PARENTING_CAREGIVER_UNABLE: { short: L('Caregiver unable to care for dependants', "Incapacité de s'occuper des personnes à charge") },
    POVERTY_PERSON_INADEQUATE: { short: L('Inadequate financial situation (person)', 'Situation financière inadéquate (personne)') },
    POVERTY_HOME_INADEQUATE: { short: L('Inadequate financial situation (household)', 'Situation financière inadéquate (ménage)') },
    SEXUAL_VIOLENCE_PERSON_EXPLOITATION: { short: L('Victim of sexual exploitation or trafficking', "Victime d'exploitation sexuelle ou de traite") },
    SEXUAL_VIOLENCE_PERSON_ONLINE: { short: L('Victim of online sexual exploitation or luring', "Victime de leurre ou d'exploitation en ligne") },
    SOCIAL_ENVIRONMENT_BARRIERS: { short: L('Language or newcomer barriers to services', "Obstacles linguistiques ou liés à l'immigration") },
    SUICIDE_PERSON_AFFECTED: { short: L('Affected by the suicide of a close one', "Personne touchée par le suicide d'un proche") },
    SUPERVISION_PERSON_NON_COMPLIANT: { short: L('Not complying with house rules or curfew', 'Non-respect des règles ou du couvre-feu') },
    THREAT_PUBLIC_HEALTH_SAFETY_WEAPONS: { short: L('Access to weapons posing a public risk', 'Accès à des armes présentant un risque public') },
  },
  protectiveFactors: {
    HOUSING_STABILITY_SUPPORTIVE_HOUSING: {
      label: relabel('Vit dans un logement avec services de soutien ou de transition'),
      short: L('Supportive or transitional housing', 'Logement avec soutien ou de transition'),
    },
    TREATMENT_ENGAGEMENT_MEDICATION: { label: relabel('Prend les médicaments prescrits') },
    PHYSICAL_HEALTH_PRIMARY_CARE: { short: L('Has a family doctor or primary care', 'Médecin de famille ou suivi en soins primaires') },
    PROSOCIAL_BEHAVIOUR_POSITIVE_ACTIVITIES: { short: L('Involved in positive activities', 'Participe à des activités positives') },
    PROSOCIAL_BEHAVIOUR_COPING_SKILLS: { short: L('Good coping and problem-solving skills', "Bonnes capacités d'adaptation") },
    FAMILY_CAREGIVER_ENGAGED: { short: L('Caregiver willing to engage with services', 'Personne soignante prête à collaborer') },
    TREATMENT_ENGAGEMENT_ENGAGED: { short: L('Engaged with treatment or services', 'Participe à un traitement ou à des services') },
  },
  genders: {
    TWO_SPIRIT: { label: relabel('Personne bispirituelle') },
  },
  conclusions: {
    CONNECTED_TO_SERVICES: { short: L('Risk lowered — connected to services', 'Risque réduit — mise en lien avec des services') },
    INFORMED_OF_SERVICES: { short: L('Risk lowered — informed of services', 'Risque réduit — information sur les services') },
    // one rendering of "acutely elevated risk": risque très élevé (the seeds' term), never risque aigu élevé
    NO_LONGER_AER: {
      label: relabel('Risque global réduit — ne présente plus un risque très élevé'),
      short: L('Risk lowered — no longer AER', "Risque réduit — n'est plus à risque très élevé"),
    },
    REFUSED_SERVICES: { label: relabel('Toujours à risque très élevé — services refusés') },
    COULD_NOT_LOCATE: {
      label: relabel('Toujours à risque très élevé — personne introuvable'),
      short: L('Still AER — could not be located', 'Toujours à risque très élevé — introuvable'),
    },
    STILL_AER_OTHER: { label: relabel('Toujours à risque très élevé — autre') },
  },
  legalAuthorities: {
    CONSENT: { short: L('Consent', 'Consentement') },
    FIPPA_S42_1_H: {
      label: L(
        'FIPPA s. 42(1)(h) — compelling circumstances affecting the health or safety of an individual',
        "LAIPVP, alinéa 42(1)h) — situation d'urgence ayant une incidence sur la santé ou la sécurité d'un particulier",
      ),
      short: L('FIPPA 42(1)(h) — health or safety', 'LAIPVP 42(1)h) — santé ou sécurité'),
    },
    MFIPPA_S32_H: {
      label: L(
        'MFIPPA s. 32(h) — compelling circumstances affecting the health or safety of an individual',
        "LAIMPVP, alinéa 32h) — situation d'urgence ayant une incidence sur la santé ou la sécurité d'un particulier",
      ),
      short: L('MFIPPA 32(h) — health or safety', 'LAIMPVP 32h) — santé ou sécurité'),
    },
    PHIPA_S40_1: { short: L('PHIPA 40(1) — risk of serious bodily harm', 'LPRPS 40(1) — risque de blessure grave') },
    CYFSA_S125: { short: L('CYFSA 125 — duty to report', 'LSEJF 125 — obligation de signaler') },
    CSPA_2019: { short: L('CSPA 2019 — police disclosure', 'Loi sur la sécurité communautaire (2019) — police') },
  },
  services: {
    DEVELOPMENTAL_SERVICES: { short: L('Developmental services', 'Services en déficience intellectuelle') },
  },
  accessPurposes: {
    INTERVENTION_PLANNING: { short: L('Planning the intervention', "Planification de l'intervention") },
  },
};

function apply<T extends { code: string; label: Label }>(list: readonly T[], changes: Record<string, Change> | undefined): T[] {
  return list.map((item) => {
    const change = changes?.[item.code];
    if (!change) return item;
    const out: T & { shortLabel?: Label } = { ...item, label: { ...item.label, ...change.label } };
    if (change.short) out.shortLabel = change.short;
    return out;
  });
}

const lists = Object.fromEntries(
  (Object.keys(TAXONOMY_V2) as (keyof TaxonomyData)[])
    .filter((k): k is ListName => k !== 'version')
    .map((k) => [k, apply(TAXONOMY_V2[k] as { code: string; label: Label }[], CHANGES_2026_3[k])]),
) as Omit<TaxonomyData, 'version'>;

export const TAXONOMY_V3: TaxonomyData = { version: '2026.3', ...lists };
