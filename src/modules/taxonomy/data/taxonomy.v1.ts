/**
 * Reference data, version 2026.1.
 *
 * Risk factor categories follow the Ontario Risk-driven Tracking Database (RTD) / CSWB Booklet 3
 * Appendix F list; the specific factors follow the RTD's per-subject pattern ("... by person",
 * "person victim of ...", "person perpetrator of ...", "... within the home").
 *
 * Codes are stable identifiers: never rename or reuse one. To change the data, add a new version.
 * Integrity is checked by taxonomy.spec.ts.
 */
import type { TaxonomyDataV1, CodedItem, Conclusion, ConclusionGroup, ProtectiveFactor, RiskCategory, RiskFactor } from './taxonomy.types';

const c = (code: string, en: string, fr: string): CodedItem => ({ code, label: { en, fr } });
const cat = (code: string, sectors: string[], en: string, fr: string): RiskCategory => ({
  code,
  label: { en, fr },
  sectors,
});
const f = (code: string, category: string, en: string, fr: string): RiskFactor => ({
  code,
  category,
  label: { en, fr },
});
const pf = (code: string, category: string, en: string, fr: string): ProtectiveFactor => ({
  code,
  category,
  label: { en, fr },
});
const concl = (code: string, group: ConclusionGroup, en: string, fr: string): Conclusion => ({
  code,
  group,
  label: { en, fr },
});

// ---------------------------------------------------------------------------------------------
// Sectors (exactly these 16 codes; other modules rely on them)
// ---------------------------------------------------------------------------------------------
const sectors: CodedItem[] = [
  c('POLICE', 'Police', 'Services policiers'),
  c('EDUCATION', 'Education', 'Éducation'),
  c('HEALTH', 'Health (hospital, primary care)', 'Santé (hôpital, soins primaires)'),
  c('MENTAL_HEALTH_ADDICTIONS', 'Mental health and addictions', 'Santé mentale et dépendances'),
  c('CHILD_FAMILY_SERVICES', 'Child and family services', "Services à l'enfance et à la famille"),
  c('HOUSING', 'Housing', 'Logement'),
  c('INCOME_SOCIAL_SERVICES', 'Income and social services', 'Soutien du revenu et services sociaux'),
  c('JUSTICE', 'Probation and parole / justice', 'Probation et libération conditionnelle / justice'),
  c('VICTIM_SERVICES', 'Victim services', 'Services aux victimes'),
  c('EMS_FIRE', 'EMS and fire', "Services paramédicaux et d'incendie"),
  c('MUNICIPAL_SERVICES', 'Municipal services', 'Services municipaux'),
  c('DEVELOPMENTAL_SERVICES', 'Developmental services', 'Services aux personnes ayant une déficience intellectuelle'),
  c('INDIGENOUS_SERVICES', 'Indigenous services', 'Services autochtones'),
  c('COMMUNITY_YOUTH_SERVICES', 'Community and youth services', 'Services communautaires et services à la jeunesse'),
  c('SENIORS_SERVICES', 'Seniors services', 'Services aux personnes aînées'),
  c('OTHER', 'Other', 'Autre'),
];

// ---------------------------------------------------------------------------------------------
// Risk factor categories (RTD / CSWB Booklet 3 Appendix F), with the sectors whose mandate
// covers each category
// ---------------------------------------------------------------------------------------------
const riskCategories: RiskCategory[] = [
  cat('ALCOHOL', ['MENTAL_HEALTH_ADDICTIONS', 'HEALTH'], 'Alcohol', 'Alcool'),
  cat('ANTISOCIAL_BEHAVIOUR', ['COMMUNITY_YOUTH_SERVICES', 'POLICE', 'EDUCATION'], 'Antisocial/Negative Behaviour', 'Comportement antisocial ou négatif'),
  cat('BASIC_NEEDS', ['INCOME_SOCIAL_SERVICES', 'HOUSING', 'HEALTH'], 'Basic Needs', 'Besoins fondamentaux'),
  cat('COGNITIVE_FUNCTIONING', ['DEVELOPMENTAL_SERVICES', 'HEALTH', 'MENTAL_HEALTH_ADDICTIONS'], 'Cognitive Functioning', 'Fonctionnement cognitif'),
  cat('CRIME_VICTIMIZATION', ['VICTIM_SERVICES', 'POLICE'], 'Crime Victimization', 'Victimisation criminelle'),
  cat('CRIMINAL_INVOLVEMENT', ['POLICE', 'JUSTICE'], 'Criminal Involvement', 'Implication dans des activités criminelles'),
  cat('DRUGS', ['MENTAL_HEALTH_ADDICTIONS', 'HEALTH', 'POLICE'], 'Drugs', 'Drogues'),
  cat('ELDER_ABUSE', ['SENIORS_SERVICES', 'POLICE'], 'Elder Abuse', 'Maltraitance des personnes aînées'),
  cat('EMOTIONAL_VIOLENCE', ['VICTIM_SERVICES', 'MENTAL_HEALTH_ADDICTIONS', 'CHILD_FAMILY_SERVICES'], 'Emotional Violence', 'Violence psychologique'),
  cat('GAMBLING', ['MENTAL_HEALTH_ADDICTIONS'], 'Gambling', "Jeux de hasard et d'argent"),
  cat('GANGS', ['POLICE', 'COMMUNITY_YOUTH_SERVICES', 'JUSTICE'], 'Gangs', 'Gangs de rue'),
  cat('HOUSING', ['HOUSING', 'MUNICIPAL_SERVICES'], 'Housing', 'Logement'),
  cat('MENTAL_HEALTH', ['MENTAL_HEALTH_ADDICTIONS', 'HEALTH'], 'Mental Health', 'Santé mentale'),
  cat('MISSING_SCHOOL', ['EDUCATION'], 'Missing School', 'Absentéisme scolaire'),
  cat('MISSING_RUNAWAY', ['POLICE', 'CHILD_FAMILY_SERVICES', 'COMMUNITY_YOUTH_SERVICES'], 'Missing/Runaway', 'Disparition / fugue'),
  cat('NEGATIVE_PEERS', ['COMMUNITY_YOUTH_SERVICES', 'EDUCATION'], 'Negative Peers', 'Influence négative des pairs'),
  cat('PARENTING', ['CHILD_FAMILY_SERVICES'], 'Parenting', 'Compétences parentales'),
  cat('PHYSICAL_HEALTH', ['HEALTH', 'EMS_FIRE'], 'Physical Health', 'Santé physique'),
  cat('PHYSICAL_VIOLENCE', ['POLICE', 'VICTIM_SERVICES'], 'Physical Violence', 'Violence physique'),
  cat('POVERTY', ['INCOME_SOCIAL_SERVICES'], 'Poverty', 'Pauvreté'),
  cat('SELF_HARM', ['MENTAL_HEALTH_ADDICTIONS', 'HEALTH'], 'Self Harm', 'Automutilation'),
  cat('SEXUAL_VIOLENCE', ['POLICE', 'VICTIM_SERVICES', 'CHILD_FAMILY_SERVICES'], 'Sexual Violence', 'Violence sexuelle'),
  cat('SOCIAL_ENVIRONMENT', ['COMMUNITY_YOUTH_SERVICES', 'MUNICIPAL_SERVICES'], 'Social Environment', 'Environnement social'),
  cat('SUICIDE', ['MENTAL_HEALTH_ADDICTIONS', 'HEALTH', 'EMS_FIRE'], 'Suicide', 'Suicide'),
  cat('SUPERVISION', ['CHILD_FAMILY_SERVICES', 'JUSTICE'], 'Supervision', 'Surveillance'),
  cat('THREAT_PUBLIC_HEALTH_SAFETY', ['MUNICIPAL_SERVICES', 'EMS_FIRE', 'POLICE', 'HEALTH'], 'Threat to Public Health and Safety', 'Menace pour la santé et la sécurité publiques'),
  cat('UNEMPLOYMENT', ['INCOME_SOCIAL_SERVICES'], 'Unemployment', 'Chômage'),
  cat('OTHER', ['OTHER'], 'Other', 'Autre'),
];

// ---------------------------------------------------------------------------------------------
// Risk factors, grouped per category. Each code starts with its category code.
// ---------------------------------------------------------------------------------------------
const riskFactors: RiskFactor[] = [
  // Alcohol
  f('ALCOHOL_PERSON_ABUSE', 'ALCOHOL', 'Alcohol abuse by person', "Abus d'alcool par la personne"),
  f('ALCOHOL_HOME_ABUSE', 'ALCOHOL', 'Alcohol abuse within the home', "Abus d'alcool au sein du foyer"),
  f('ALCOHOL_PERSON_UNDERAGE', 'ALCOHOL', 'Underage alcohol use by person', "Consommation d'alcool par la personne mineure"),

  // Antisocial/Negative Behaviour
  f('ANTISOCIAL_BEHAVIOUR_PERSON', 'ANTISOCIAL_BEHAVIOUR', 'Antisocial/negative behaviour by person', 'Comportement antisocial ou négatif de la personne'),
  f('ANTISOCIAL_BEHAVIOUR_HOME', 'ANTISOCIAL_BEHAVIOUR', 'Antisocial/negative behaviour within the home', 'Comportement antisocial ou négatif au sein du foyer'),
  f('ANTISOCIAL_BEHAVIOUR_PERSON_AGGRESSIVE', 'ANTISOCIAL_BEHAVIOUR', 'Aggressive or threatening behaviour by person', 'Comportement agressif ou menaçant de la personne'),
  f(
    'ANTISOCIAL_BEHAVIOUR_PERSON_DISRUPTIVE',
    'ANTISOCIAL_BEHAVIOUR',
    'Disruptive behaviour in the community by person',
    'Comportement perturbateur de la personne dans la collectivité',
  ),

  // Basic Needs
  f('BASIC_NEEDS_PERSON_UNABLE', 'BASIC_NEEDS', 'Person unable to meet own basic needs', 'Personne incapable de subvenir à ses propres besoins fondamentaux'),
  f('BASIC_NEEDS_PERSON_NEGLECTING_OTHERS', 'BASIC_NEEDS', "Person neglecting others' basic needs", "Personne négligeant les besoins fondamentaux d'autrui"),
  f('BASIC_NEEDS_FOOD_INSECURITY', 'BASIC_NEEDS', 'Food insecurity', 'Insécurité alimentaire'),

  // Cognitive Functioning
  f(
    'COGNITIVE_FUNCTIONING_DIAGNOSED',
    'COGNITIVE_FUNCTIONING',
    'Diagnosed cognitive impairment or developmental disability',
    'Déficience cognitive ou intellectuelle diagnostiquée',
  ),
  f('COGNITIVE_FUNCTIONING_SUSPECTED', 'COGNITIVE_FUNCTIONING', 'Suspected cognitive impairment', 'Déficience cognitive soupçonnée'),
  f('COGNITIVE_FUNCTIONING_DEMENTIA', 'COGNITIVE_FUNCTIONING', 'Dementia or cognitive decline', 'Démence ou déclin cognitif'),
  f('COGNITIVE_FUNCTIONING_BRAIN_INJURY', 'COGNITIVE_FUNCTIONING', 'Acquired brain injury', 'Lésion cérébrale acquise'),
  f('COGNITIVE_FUNCTIONING_FASD', 'COGNITIVE_FUNCTIONING', 'Fetal alcohol spectrum disorder (FASD)', "Trouble du spectre de l'alcoolisation fœtale (TSAF)"),

  // Crime Victimization
  f('CRIME_VICTIMIZATION_PERSON_ASSAULT', 'CRIME_VICTIMIZATION', 'Person victim of assault', 'Personne victime de voies de fait'),
  f('CRIME_VICTIMIZATION_PERSON_ROBBERY_THEFT', 'CRIME_VICTIMIZATION', 'Person victim of robbery or theft', 'Personne victime de vol qualifié ou de vol'),
  f('CRIME_VICTIMIZATION_PERSON_PROPERTY', 'CRIME_VICTIMIZATION', 'Person victim of property crime', "Personne victime d'un crime contre les biens"),
  f('CRIME_VICTIMIZATION_PERSON_FRAUD', 'CRIME_VICTIMIZATION', 'Person victim of fraud or scam', "Personne victime de fraude ou d'escroquerie"),
  f('CRIME_VICTIMIZATION_PERSON_THREATS', 'CRIME_VICTIMIZATION', 'Person victim of threats or criminal harassment', 'Personne victime de menaces ou de harcèlement criminel'),
  f('CRIME_VICTIMIZATION_HOME', 'CRIME_VICTIMIZATION', 'Crime victimization within the home', 'Victimisation criminelle au sein du foyer'),

  // Criminal Involvement
  f('CRIMINAL_INVOLVEMENT_PERSON_ASSAULT', 'CRIMINAL_INVOLVEMENT', 'Person perpetrator of assault', 'Personne auteure de voies de fait'),
  f('CRIMINAL_INVOLVEMENT_PERSON_THEFT', 'CRIMINAL_INVOLVEMENT', 'Person involved in theft or robbery', 'Personne impliquée dans des vols ou des vols qualifiés'),
  f(
    'CRIMINAL_INVOLVEMENT_PERSON_PROPERTY',
    'CRIMINAL_INVOLVEMENT',
    'Person involved in property crime (mischief, break and enter)',
    'Personne impliquée dans des crimes contre les biens (méfait, introduction par effraction)',
  ),
  f('CRIMINAL_INVOLVEMENT_PERSON_DRUGS', 'CRIMINAL_INVOLVEMENT', 'Person involved in drug trafficking', 'Personne impliquée dans le trafic de drogues'),
  f('CRIMINAL_INVOLVEMENT_PERSON_WEAPONS', 'CRIMINAL_INVOLVEMENT', 'Person involved in weapons offences', 'Personne impliquée dans des infractions liées aux armes'),
  f(
    'CRIMINAL_INVOLVEMENT_PERSON_BREACH',
    'CRIMINAL_INVOLVEMENT',
    'Person breaching court orders or release conditions',
    'Personne enfreignant des ordonnances judiciaires ou des conditions de mise en liberté',
  ),
  f('CRIMINAL_INVOLVEMENT_PERSON_OTHER', 'CRIMINAL_INVOLVEMENT', 'Other criminal involvement by person', 'Autre implication criminelle de la personne'),
  f('CRIMINAL_INVOLVEMENT_HOME', 'CRIMINAL_INVOLVEMENT', 'Criminal involvement within the home', 'Implication criminelle au sein du foyer'),

  // Drugs
  f('DRUGS_PERSON_ABUSE', 'DRUGS', 'Drug abuse by person', 'Abus de drogues par la personne'),
  f('DRUGS_HOME_ABUSE', 'DRUGS', 'Drug abuse within the home', 'Abus de drogues au sein du foyer'),
  f('DRUGS_PERSON_OVERDOSE_RISK', 'DRUGS', 'Person at risk of overdose', 'Personne à risque de surdose'),
  f('DRUGS_PERSON_PRESCRIPTION_MISUSE', 'DRUGS', 'Prescription drug misuse by person', "Mauvais usage de médicaments d'ordonnance par la personne"),
  f('DRUGS_PERSON_INJECTION', 'DRUGS', 'Injection drug use by person', 'Consommation de drogues par injection par la personne'),

  // Elder Abuse
  f('ELDER_ABUSE_PHYSICAL', 'ELDER_ABUSE', 'Physical abuse of an older adult', "Maltraitance physique d'une personne aînée"),
  f('ELDER_ABUSE_FINANCIAL', 'ELDER_ABUSE', 'Financial abuse of an older adult', "Exploitation financière d'une personne aînée"),
  f('ELDER_ABUSE_EMOTIONAL', 'ELDER_ABUSE', 'Emotional or psychological abuse of an older adult', "Maltraitance psychologique d'une personne aînée"),
  f('ELDER_ABUSE_NEGLECT', 'ELDER_ABUSE', 'Neglect of an older adult', 'Négligence envers une personne aînée'),
  f('ELDER_ABUSE_PERSON_PERPETRATOR', 'ELDER_ABUSE', 'Person perpetrator of elder abuse', 'Personne auteure de maltraitance envers une personne aînée'),

  // Emotional Violence
  f('EMOTIONAL_VIOLENCE_PERSON_VICTIM', 'EMOTIONAL_VIOLENCE', 'Person victim of emotional violence', 'Personne victime de violence psychologique'),
  f('EMOTIONAL_VIOLENCE_PERSON_PERPETRATOR', 'EMOTIONAL_VIOLENCE', 'Person perpetrator of emotional violence', 'Personne auteure de violence psychologique'),
  f('EMOTIONAL_VIOLENCE_HOME', 'EMOTIONAL_VIOLENCE', 'Emotional violence within the home', 'Violence psychologique au sein du foyer'),
  f('EMOTIONAL_VIOLENCE_PERSON_BULLYING', 'EMOTIONAL_VIOLENCE', 'Person victim of bullying or cyberbullying', "Personne victime d'intimidation ou de cyberintimidation"),

  // Gambling
  f('GAMBLING_PERSON_CHRONIC', 'GAMBLING', 'Chronic gambling by person', "Pratique chronique des jeux de hasard et d'argent par la personne"),
  f('GAMBLING_HARM_SELF', 'GAMBLING', 'Gambling causing harm to self', 'Jeu causant du tort à la personne elle-même'),
  f('GAMBLING_HARM_OTHERS', 'GAMBLING', 'Gambling causing harm to others', 'Jeu causant du tort à autrui'),

  // Gangs
  f('GANGS_PERSON_MEMBER', 'GANGS', 'Person gang member', "Personne membre d'un gang"),
  f('GANGS_PERSON_ASSOCIATION', 'GANGS', 'Person associating with gang members', 'Personne fréquentant des membres de gangs'),
  f('GANGS_PERSON_RECRUITMENT_RISK', 'GANGS', 'Person at risk of gang recruitment', 'Personne à risque de recrutement par un gang'),
  f('GANGS_HOME', 'GANGS', 'Gang involvement within the home', 'Appartenance à un gang au sein du foyer'),

  // Housing
  f('HOUSING_HOMELESS_TRANSIENT', 'HOUSING', 'Homeless/transient', 'Itinérance / logement précaire'),
  f('HOUSING_AT_RISK_OF_LOSS', 'HOUSING', 'At risk of losing housing', 'Risque de perte du logement'),
  f('HOUSING_UNSAFE', 'HOUSING', 'Unsafe housing', 'Logement insalubre ou dangereux'),
  f('HOUSING_OVERCROWDED', 'HOUSING', 'Overcrowded housing', 'Logement surpeuplé'),

  // Mental Health
  f('MENTAL_HEALTH_PERSON_DIAGNOSED', 'MENTAL_HEALTH', 'Diagnosed mental health problem', 'Problème de santé mentale diagnostiqué'),
  f('MENTAL_HEALTH_PERSON_SUSPECTED', 'MENTAL_HEALTH', 'Suspected mental health problem', 'Problème de santé mentale soupçonné'),
  f(
    'MENTAL_HEALTH_PERSON_NOT_TREATED',
    'MENTAL_HEALTH',
    'Person not following mental health treatment or medication',
    'Personne ne suivant pas son traitement ou sa médication en santé mentale',
  ),
  f('MENTAL_HEALTH_PERSON_CRISIS', 'MENTAL_HEALTH', 'Person in mental health crisis', 'Personne en situation de crise de santé mentale'),
  f('MENTAL_HEALTH_HOME', 'MENTAL_HEALTH', 'Mental health problem within the home', 'Problème de santé mentale au sein du foyer'),

  // Missing School
  f('MISSING_SCHOOL_TRUANCY', 'MISSING_SCHOOL', 'Truancy', 'Absences scolaires non motivées'),
  f('MISSING_SCHOOL_CHRONIC_ABSENTEEISM', 'MISSING_SCHOOL', 'Chronic absenteeism', 'Absentéisme chronique'),
  f('MISSING_SCHOOL_SUSPENDED_EXPELLED', 'MISSING_SCHOOL', 'Suspended or expelled from school', "Suspension ou renvoi de l'école"),
  f('MISSING_SCHOOL_NOT_ENROLLED', 'MISSING_SCHOOL', 'School-age person not enrolled in school', "Personne d'âge scolaire non inscrite à l'école"),

  // Missing/Runaway
  f('MISSING_RUNAWAY_PERSON_MISSING', 'MISSING_RUNAWAY', 'Person currently missing', 'Personne actuellement portée disparue'),
  f('MISSING_RUNAWAY_PERSON_RUNAWAY', 'MISSING_RUNAWAY', 'Person has run away', 'Personne en fugue'),
  f('MISSING_RUNAWAY_PERSON_HISTORY', 'MISSING_RUNAWAY', 'Person with a history of running away or going missing', 'Personne ayant des antécédents de fugue ou de disparition'),

  // Negative Peers
  f('NEGATIVE_PEERS_PERSON_ASSOCIATION', 'NEGATIVE_PEERS', 'Person associating with negative peers', 'Personne fréquentant des pairs ayant une influence négative'),
  f('NEGATIVE_PEERS_PERSON_CRIMINAL_PEERS', 'NEGATIVE_PEERS', 'Person associating with criminally involved peers', 'Personne fréquentant des pairs impliqués dans la criminalité'),
  f('NEGATIVE_PEERS_PERSON_EXPLOITED', 'NEGATIVE_PEERS', 'Person exploited or manipulated by peers', 'Personne exploitée ou manipulée par ses pairs'),

  // Parenting
  f('PARENTING_INADEQUATE', 'PARENTING', 'Inadequate parenting', 'Compétences parentales inadéquates'),
  f('PARENTING_PARENT_CHILD_CONFLICT', 'PARENTING', 'Parent-child conflict', 'Conflit parent-enfant'),
  f('PARENTING_CHILD_PROTECTION_CONCERN', 'PARENTING', 'Child protection concerns', "Préoccupations en matière de protection de l'enfance"),
  f('PARENTING_CAREGIVER_UNABLE', 'PARENTING', 'Caregiver unable to care for dependants', "Personne soignante incapable de s'occuper des personnes à charge"),

  // Physical Health
  f('PHYSICAL_HEALTH_CHRONIC', 'PHYSICAL_HEALTH', 'Chronic illness or condition', 'Maladie ou affection chronique'),
  f('PHYSICAL_HEALTH_DISABILITY', 'PHYSICAL_HEALTH', 'Physical disability', 'Handicap physique'),
  f('PHYSICAL_HEALTH_ACUTE', 'PHYSICAL_HEALTH', 'Acute illness or injury', 'Maladie aiguë ou blessure'),
  f('PHYSICAL_HEALTH_NOT_TREATED', 'PHYSICAL_HEALTH', 'Person not following medical treatment', 'Personne ne suivant pas son traitement médical'),
  f('PHYSICAL_HEALTH_PREGNANCY', 'PHYSICAL_HEALTH', 'High-risk pregnancy', 'Grossesse à risque'),

  // Physical Violence
  f('PHYSICAL_VIOLENCE_PERSON_VICTIM', 'PHYSICAL_VIOLENCE', 'Person victim of physical violence', 'Personne victime de violence physique'),
  f('PHYSICAL_VIOLENCE_PERSON_PERPETRATOR', 'PHYSICAL_VIOLENCE', 'Person perpetrator of physical violence', 'Personne auteure de violence physique'),
  f('PHYSICAL_VIOLENCE_HOME', 'PHYSICAL_VIOLENCE', 'Physical violence within the home', 'Violence physique au sein du foyer'),
  f('PHYSICAL_VIOLENCE_INTIMATE_PARTNER', 'PHYSICAL_VIOLENCE', 'Intimate partner violence', 'Violence entre partenaires intimes'),

  // Poverty
  f('POVERTY_PERSON_INADEQUATE', 'POVERTY', 'Person living in less than adequate financial situation', 'Personne vivant dans une situation financière inadéquate'),
  f('POVERTY_HOME_INADEQUATE', 'POVERTY', 'Household living in less than adequate financial situation', 'Ménage vivant dans une situation financière inadéquate'),
  f('POVERTY_DEBT', 'POVERTY', 'Significant debt or financial crisis', 'Endettement important ou crise financière'),

  // Self Harm
  f('SELF_HARM_PERSON_CURRENT', 'SELF_HARM', 'Person engaging in self-harm', "Personne qui s'automutile"),
  f('SELF_HARM_PERSON_HISTORY', 'SELF_HARM', 'History of self-harm', "Antécédents d'automutilation"),
  f('SELF_HARM_PERSON_THREAT', 'SELF_HARM', 'Person threatening self-harm', "Personne menaçant de s'automutiler"),

  // Sexual Violence
  f('SEXUAL_VIOLENCE_PERSON_VICTIM', 'SEXUAL_VIOLENCE', 'Person victim of sexual violence', 'Personne victime de violence sexuelle'),
  f('SEXUAL_VIOLENCE_PERSON_PERPETRATOR', 'SEXUAL_VIOLENCE', 'Person perpetrator of sexual violence', 'Personne auteure de violence sexuelle'),
  f('SEXUAL_VIOLENCE_HOME', 'SEXUAL_VIOLENCE', 'Sexual violence within the home', 'Violence sexuelle au sein du foyer'),
  f('SEXUAL_VIOLENCE_PERSON_EXPLOITATION', 'SEXUAL_VIOLENCE', 'Person victim of sexual exploitation or trafficking', "Personne victime d'exploitation sexuelle ou de traite"),
  f('SEXUAL_VIOLENCE_PERSON_ONLINE', 'SEXUAL_VIOLENCE', 'Person victim of online sexual exploitation or luring', "Personne victime d'exploitation sexuelle en ligne ou de leurre"),

  // Social Environment
  f('SOCIAL_ENVIRONMENT_ISOLATION', 'SOCIAL_ENVIRONMENT', 'Social isolation', 'Isolement social'),
  f('SOCIAL_ENVIRONMENT_UNSAFE_NEIGHBOURHOOD', 'SOCIAL_ENVIRONMENT', 'Unsafe or high-crime neighbourhood', 'Quartier dangereux ou à criminalité élevée'),
  f('SOCIAL_ENVIRONMENT_DISCRIMINATION', 'SOCIAL_ENVIRONMENT', 'Experiencing discrimination or racism', 'Discrimination ou racisme vécus'),
  f(
    'SOCIAL_ENVIRONMENT_BARRIERS',
    'SOCIAL_ENVIRONMENT',
    'Language or newcomer barriers to services',
    "Obstacles linguistiques ou liés à l'immigration récente pour accéder aux services",
  ),
  f('SOCIAL_ENVIRONMENT_NEIGHBOUR_CONFLICT', 'SOCIAL_ENVIRONMENT', 'Conflict with neighbours', 'Conflit avec le voisinage'),

  // Suicide
  f('SUICIDE_PERSON_IDEATION', 'SUICIDE', 'Person with suicidal thoughts', 'Personne ayant des idées suicidaires'),
  f('SUICIDE_PERSON_THREAT', 'SUICIDE', 'Person threatening suicide', 'Personne menaçant de se suicider'),
  f('SUICIDE_PERSON_PREVIOUS_ATTEMPT', 'SUICIDE', 'Previous suicide attempt by person', 'Tentative de suicide antérieure de la personne'),
  f('SUICIDE_PERSON_AFFECTED', 'SUICIDE', 'Person affected by the suicide of a family member or peer', "Personne touchée par le suicide d'un proche ou d'un pair"),

  // Supervision
  f('SUPERVISION_CHILD_INADEQUATE', 'SUPERVISION', 'Inadequate supervision of a child or youth', "Surveillance inadéquate d'un enfant ou d'un jeune"),
  f('SUPERVISION_DEPENDENT_ADULT_INADEQUATE', 'SUPERVISION', 'Inadequate supervision of a dependent adult', "Surveillance inadéquate d'un adulte à charge"),
  f('SUPERVISION_PERSON_NON_COMPLIANT', 'SUPERVISION', 'Person not complying with house rules or curfew', 'Personne ne respectant pas les règles de la maison ou le couvre-feu'),

  // Threat to Public Health and Safety
  f('THREAT_PUBLIC_HEALTH_SAFETY_HOARDING', 'THREAT_PUBLIC_HEALTH_SAFETY', 'Hoarding or unsanitary conditions', 'Accumulation compulsive ou conditions insalubres'),
  f('THREAT_PUBLIC_HEALTH_SAFETY_FIRE_RISK', 'THREAT_PUBLIC_HEALTH_SAFETY', 'Fire risk', "Risque d'incendie"),
  f(
    'THREAT_PUBLIC_HEALTH_SAFETY_WEAPONS',
    'THREAT_PUBLIC_HEALTH_SAFETY',
    'Access to weapons or firearms posing a risk to the public',
    'Accès à des armes ou à des armes à feu présentant un risque pour le public',
  ),
  f('THREAT_PUBLIC_HEALTH_SAFETY_PROBLEM_LOCATION', 'THREAT_PUBLIC_HEALTH_SAFETY', 'Location associated with repeated incidents', 'Lieu associé à des incidents répétés'),
  f('THREAT_PUBLIC_HEALTH_SAFETY_COMMUNICABLE_DISEASE', 'THREAT_PUBLIC_HEALTH_SAFETY', 'Communicable disease risk', 'Risque de maladie transmissible'),

  // Unemployment
  f('UNEMPLOYMENT_PERSON', 'UNEMPLOYMENT', 'Person unemployed', 'Personne sans emploi'),
  f('UNEMPLOYMENT_PERSON_CHRONIC', 'UNEMPLOYMENT', 'Chronic unemployment of person', 'Chômage chronique de la personne'),
  f('UNEMPLOYMENT_HOME', 'UNEMPLOYMENT', 'Unemployment within the home', 'Chômage au sein du foyer'),

  // Other
  f('OTHER_RISK_FACTOR', 'OTHER', 'Other risk factor', 'Autre facteur de risque'),
];

// ---------------------------------------------------------------------------------------------
// Protective factors
// ---------------------------------------------------------------------------------------------
const protectiveFactorCategories: CodedItem[] = [
  c('PHYSICAL_HEALTH', 'Physical health', 'Santé physique'),
  c('PROSOCIAL_BEHAVIOUR', 'Pro-social/positive behaviour', 'Comportement prosocial ou positif'),
  c('SOCIAL_SUPPORT_NETWORK', 'Social support network', 'Réseau de soutien social'),
  c('EDUCATION_EMPLOYMENT', 'Education/employment', 'Études / emploi'),
  c('FAMILY', 'Family', 'Famille'),
  c('HOUSING_STABILITY', 'Housing stability', 'Stabilité du logement'),
  c('TREATMENT_ENGAGEMENT', 'Engagement with treatment', 'Engagement dans un traitement'),
];

const protectiveFactors: ProtectiveFactor[] = [
  // Physical health
  pf('PHYSICAL_HEALTH_GOOD_OVERALL', 'PHYSICAL_HEALTH', 'Good overall physical health', 'Bonne santé physique générale'),
  pf('PHYSICAL_HEALTH_PRIMARY_CARE', 'PHYSICAL_HEALTH', 'Has a family doctor or regular primary care', 'A un médecin de famille ou un suivi régulier en soins primaires'),
  pf('PHYSICAL_HEALTH_CONDITION_MANAGED', 'PHYSICAL_HEALTH', 'Health conditions well managed', 'Problèmes de santé bien pris en charge'),

  // Pro-social/positive behaviour
  pf(
    'PROSOCIAL_BEHAVIOUR_POSITIVE_ACTIVITIES',
    'PROSOCIAL_BEHAVIOUR',
    'Involved in positive recreational, cultural or community activities',
    'Participe à des activités récréatives, culturelles ou communautaires positives',
  ),
  pf('PROSOCIAL_BEHAVIOUR_POSITIVE_PEERS', 'PROSOCIAL_BEHAVIOUR', 'Positive peer relationships', 'Relations positives avec les pairs'),
  pf('PROSOCIAL_BEHAVIOUR_COPING_SKILLS', 'PROSOCIAL_BEHAVIOUR', 'Good coping and problem-solving skills', "Bonnes capacités d'adaptation et de résolution de problèmes"),
  pf('PROSOCIAL_BEHAVIOUR_CULTURAL_SPIRITUAL', 'PROSOCIAL_BEHAVIOUR', 'Connection to culture, faith or spirituality', 'Lien avec sa culture, sa foi ou sa spiritualité'),

  // Social support network
  pf('SOCIAL_SUPPORT_NETWORK_TRUSTED_ADULT', 'SOCIAL_SUPPORT_NETWORK', 'Trusted adult or mentor', 'Adulte de confiance ou mentor'),
  pf('SOCIAL_SUPPORT_NETWORK_FRIENDS_COMMUNITY', 'SOCIAL_SUPPORT_NETWORK', 'Supportive friends or community', 'Amis ou communauté offrant du soutien'),
  pf('SOCIAL_SUPPORT_NETWORK_SERVICE_PROVIDER', 'SOCIAL_SUPPORT_NETWORK', 'Positive relationship with a service provider', 'Relation positive avec un fournisseur de services'),

  // Education/employment
  pf('EDUCATION_EMPLOYMENT_ATTENDING', 'EDUCATION_EMPLOYMENT', 'Attending school or training regularly', "Fréquente régulièrement l'école ou une formation"),
  pf('EDUCATION_EMPLOYMENT_EMPLOYED', 'EDUCATION_EMPLOYMENT', 'Employed or volunteering', 'Occupe un emploi ou fait du bénévolat'),
  pf('EDUCATION_EMPLOYMENT_GOALS', 'EDUCATION_EMPLOYMENT', 'Has education or career goals', "A des objectifs d'études ou de carrière"),

  // Family
  pf('FAMILY_SUPPORTIVE', 'FAMILY', 'Supportive family members', 'Membres de la famille offrant du soutien'),
  pf('FAMILY_ADEQUATE_SUPERVISION', 'FAMILY', 'Adequate parental supervision', 'Surveillance parentale adéquate'),
  pf('FAMILY_CAREGIVER_ENGAGED', 'FAMILY', 'Caregiver willing to engage with services', 'Personne soignante disposée à collaborer avec les services'),

  // Housing stability
  pf('HOUSING_STABILITY_STABLE', 'HOUSING_STABILITY', 'Stable and safe housing', 'Logement stable et sécuritaire'),
  pf('HOUSING_STABILITY_AFFORDABLE', 'HOUSING_STABILITY', 'Affordable housing costs', 'Coût du logement abordable'),
  pf('HOUSING_STABILITY_SUPPORTIVE_HOUSING', 'HOUSING_STABILITY', 'Living in supportive or transitional housing', 'Vit dans un logement supervisé ou de transition'),

  // Engagement with treatment
  pf('TREATMENT_ENGAGEMENT_ENGAGED', 'TREATMENT_ENGAGEMENT', 'Currently engaged with treatment or services', 'Participe actuellement à un traitement ou à des services'),
  pf('TREATMENT_ENGAGEMENT_MEDICATION', 'TREATMENT_ENGAGEMENT', 'Adherent to prescribed medication', 'Prend la médication prescrite'),
  pf('TREATMENT_ENGAGEMENT_MOTIVATED', 'TREATMENT_ENGAGEMENT', 'Motivated to accept help', "Motivé à accepter de l'aide"),
  pf('TREATMENT_ENGAGEMENT_PAST_SUCCESS', 'TREATMENT_ENGAGEMENT', 'Responded well to services in the past', 'A bien réagi aux services par le passé'),
];

// ---------------------------------------------------------------------------------------------
// Other coded lists
// ---------------------------------------------------------------------------------------------
const ageBands: CodedItem[] = [
  c('0-5', '0-5 years', '0 à 5 ans'),
  c('6-11', '6-11 years', '6 à 11 ans'),
  c('12-15', '12-15 years', '12 à 15 ans'),
  c('16-17', '16-17 years', '16 et 17 ans'),
  c('18-24', '18-24 years', '18 à 24 ans'),
  c('25-29', '25-29 years', '25 à 29 ans'),
  c('30-39', '30-39 years', '30 à 39 ans'),
  c('40-59', '40-59 years', '40 à 59 ans'),
  c('60+', '60 years and over', '60 ans et plus'),
  c('UNKNOWN', 'Unknown', 'Inconnu'),
];

const situationTypes: CodedItem[] = [c('PERSON', 'Person', 'Personne'), c('FAMILY', 'Family', 'Famille'), c('GROUP', 'Group', 'Groupe'), c('LOCATION', 'Location', 'Lieu')];

const genders: CodedItem[] = [
  c('WOMAN', 'Woman', 'Femme'),
  c('MAN', 'Man', 'Homme'),
  c('NON_BINARY', 'Non-binary', 'Non binaire'),
  c('TWO_SPIRIT', 'Two-Spirit', 'Bispirituel'),
  c('OTHER', 'Another gender identity', 'Autre identité de genre'),
  c('UNKNOWN', 'Unknown', 'Inconnu'),
  c('NOT_APPLICABLE', 'Not applicable (group or location)', 'Sans objet (groupe ou lieu)'),
];

const conclusions: Conclusion[] = [
  concl('CONNECTED_TO_SERVICES', 'RISK_LOWERED', 'Overall risk lowered — connected to services', 'Risque global réduit — mise en lien avec des services'),
  concl('INFORMED_OF_SERVICES', 'RISK_LOWERED', 'Overall risk lowered — informed of services', 'Risque global réduit — information sur les services'),
  concl('NO_LONGER_AER', 'RISK_LOWERED', 'Overall risk lowered — no longer at acutely elevated risk', 'Risque global réduit — ne présente plus un risque aigu élevé'),
  concl('REFUSED_SERVICES', 'STILL_AER', 'Still at acutely elevated risk — refused services', 'Toujours à risque aigu élevé — services refusés'),
  concl('COULD_NOT_LOCATE', 'STILL_AER', 'Still at acutely elevated risk — could not be located', 'Toujours à risque aigu élevé — personne introuvable'),
  concl('STILL_AER_OTHER', 'STILL_AER', 'Still at acutely elevated risk — other', 'Toujours à risque aigu élevé — autre'),
  concl('TRANSFERRED', 'OTHER', 'Other — transferred to another process', 'Autre — transfert vers un autre processus'),
  concl('MOVED', 'OTHER', 'Other — moved away', 'Autre — déménagement hors du territoire'),
];

const consentStatuses: CodedItem[] = [
  c('OBTAINED', 'Consent obtained', 'Consentement obtenu'),
  c('REFUSED', 'Consent refused', 'Consentement refusé'),
  c('NOT_SOUGHT_RISK', 'Not sought because of risk', 'Non demandé en raison du risque'),
  c('NOT_SOUGHT_UNREACHABLE', 'Not sought — unable to reach', 'Non demandé — personne injoignable'),
  c('NOT_APPLICABLE', 'Not applicable (location or group)', 'Sans objet (lieu ou groupe)'),
];

/**
 * Legal authority for disclosing identifying information at Filter 3: consent, or an Ontario
 * statute allowing disclosure to reduce a significant risk of serious harm.
 */
const legalAuthorities: CodedItem[] = [
  c('CONSENT', 'Consent of the individual (or substitute decision-maker)', 'Consentement de la personne (ou de son mandataire spécial)'),
  c(
    'FIPPA_S42_1_H',
    'FIPPA s. 42(1)(h) — compelling circumstances affecting health or safety',
    'LAIPVP, alinéa 42(1)h) — circonstances impérieuses touchant la santé ou la sécurité',
  ),
  c('MFIPPA_S32_H', 'MFIPPA s. 32(h) — compelling circumstances affecting health or safety', 'LAIMPVP, alinéa 32h) — circonstances impérieuses touchant la santé ou la sécurité'),
  c(
    'PHIPA_S40_1',
    'PHIPA s. 40(1) — eliminating or reducing a significant risk of serious bodily harm',
    'LPRPS, paragraphe 40(1) — éliminer ou réduire un risque important de blessure grave',
  ),
  c('CYFSA_S125', 'CYFSA s. 125 — duty to report a child in need of protection', 'LSEJF, article 125 — obligation de signaler un enfant ayant besoin de protection'),
  c(
    'CSPA_2019',
    'Community Safety and Policing Act, 2019 (formerly Police Services Act) — police disclosure of personal information',
    'Loi de 2019 sur la sécurité communautaire et les services policiers (anciennement Loi sur les services policiers) — divulgation de renseignements personnels par la police',
  ),
  c('OTHER_STATUTE', 'Other statutory authority', 'Autre autorisation législative'),
];

const studyFlags: CodedItem[] = [
  c('COVID_19', 'COVID-19 related', 'Lié à la COVID-19'),
  c('OPIOIDS', 'Opioids', 'Opioïdes'),
  c('HUMAN_TRAFFICKING', 'Human trafficking', 'Traite de personnes'),
  c('INTIMATE_PARTNER_VIOLENCE', 'Intimate partner violence', 'Violence entre partenaires intimes'),
  c('HATE_MOTIVATED', 'Hate-motivated', 'Motivé par la haine'),
  c('FIREARMS', 'Firearms', 'Armes à feu'),
  c('YOUTH_EXPLOITATION', 'Youth exploitation', 'Exploitation des jeunes'),
  c('ENCAMPMENT', 'Encampment / unsheltered homelessness', 'Campement / itinérance sans abri'),
];

const services: CodedItem[] = [
  c('MENTAL_HEALTH', 'Mental health services', 'Services de santé mentale'),
  c('ADDICTIONS', 'Addiction services', 'Services de traitement des dépendances'),
  c('HOUSING_SHELTER', 'Housing / shelter', "Logement / hébergement d'urgence"),
  c('INCOME_SUPPORT', 'Income support', 'Soutien du revenu'),
  c('MEDICAL_HOSPITAL', 'Medical / hospital', 'Soins médicaux / hôpital'),
  c('CHILD_PROTECTION', 'Child protection', "Protection de l'enfance"),
  c('POLICE', 'Police', 'Services policiers'),
  c('VICTIM_SERVICES', 'Victim services', 'Services aux victimes'),
  c('COUNSELLING', 'Counselling', 'Counseling'),
  c('EDUCATION_SUPPORT', 'Education support', 'Soutien scolaire'),
  c('SENIORS_SERVICES', 'Seniors services', 'Services aux personnes aînées'),
  c('FOOD_SECURITY', 'Food security', 'Sécurité alimentaire'),
  c('LEGAL_SERVICES', 'Legal services', 'Services juridiques'),
  c('INDIGENOUS_SERVICES', 'Indigenous services', 'Services autochtones'),
  c('DEVELOPMENTAL_SERVICES', 'Developmental services', 'Services aux personnes ayant une déficience intellectuelle'),
  c('OTHER', 'Other', 'Autre'),
];

export const TAXONOMY_V1: TaxonomyDataV1 = {
  version: '2026.1',
  sectors,
  riskCategories,
  riskFactors,
  protectiveFactorCategories,
  protectiveFactors,
  ageBands,
  situationTypes,
  genders,
  conclusions,
  consentStatuses,
  legalAuthorities,
  studyFlags,
  services,
};
