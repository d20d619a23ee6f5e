/**
 * Reference data version 2026.5 exactly as it was released: 2026.4 with the system barriers and the
 * contexts they are recorded in (docs/evaluation.md, section 5; issue 19), for the migrations that
 * seed it. Self-contained, like 2026.1: never edit this file once released.
 */
import type { FrozenTaxonomy } from './taxonomy-2026.1';

export const TAXONOMY_2026_5: FrozenTaxonomy = {
  "version": "2026.5",
  "sectors": [
    {
      "code": "POLICE",
      "label": {
        "en": "Police",
        "fr": "Services policiers"
      }
    },
    {
      "code": "EDUCATION",
      "label": {
        "en": "Education",
        "fr": "Éducation"
      }
    },
    {
      "code": "HEALTH",
      "label": {
        "en": "Health (hospital, primary care)",
        "fr": "Santé (hôpital, soins primaires)"
      }
    },
    {
      "code": "MENTAL_HEALTH_ADDICTIONS",
      "label": {
        "en": "Mental health and addictions",
        "fr": "Santé mentale et dépendances"
      }
    },
    {
      "code": "CHILD_FAMILY_SERVICES",
      "label": {
        "en": "Child and family services",
        "fr": "Services à l'enfance et à la famille"
      }
    },
    {
      "code": "HOUSING",
      "label": {
        "en": "Housing",
        "fr": "Logement"
      }
    },
    {
      "code": "INCOME_SOCIAL_SERVICES",
      "label": {
        "en": "Income and social services",
        "fr": "Soutien du revenu et services sociaux"
      }
    },
    {
      "code": "JUSTICE",
      "label": {
        "en": "Probation and parole / justice",
        "fr": "Probation et libération conditionnelle / justice"
      }
    },
    {
      "code": "VICTIM_SERVICES",
      "label": {
        "en": "Victim services",
        "fr": "Services aux victimes"
      }
    },
    {
      "code": "EMS_FIRE",
      "label": {
        "en": "EMS and fire",
        "fr": "Services paramédicaux et d'incendie"
      }
    },
    {
      "code": "MUNICIPAL_SERVICES",
      "label": {
        "en": "Municipal services",
        "fr": "Services municipaux"
      }
    },
    {
      "code": "DEVELOPMENTAL_SERVICES",
      "label": {
        "en": "Developmental services",
        "fr": "Services aux personnes ayant une déficience intellectuelle"
      },
      "shortLabel": {
        "en": "Developmental services",
        "fr": "Services en déficience intellectuelle"
      }
    },
    {
      "code": "INDIGENOUS_SERVICES",
      "label": {
        "en": "Indigenous services",
        "fr": "Services autochtones"
      }
    },
    {
      "code": "COMMUNITY_YOUTH_SERVICES",
      "label": {
        "en": "Community and youth services",
        "fr": "Services communautaires et services à la jeunesse"
      }
    },
    {
      "code": "SENIORS_SERVICES",
      "label": {
        "en": "Seniors services",
        "fr": "Services aux personnes aînées"
      }
    },
    {
      "code": "OTHER",
      "label": {
        "en": "Other",
        "fr": "Autre"
      }
    }
  ],
  "riskCategories": [
    {
      "code": "ALCOHOL",
      "label": {
        "en": "Alcohol",
        "fr": "Alcool"
      },
      "sectors": [
        "MENTAL_HEALTH_ADDICTIONS",
        "HEALTH"
      ]
    },
    {
      "code": "ANTISOCIAL_BEHAVIOUR",
      "label": {
        "en": "Antisocial/Negative Behaviour",
        "fr": "Comportement antisocial ou négatif"
      },
      "sectors": [
        "COMMUNITY_YOUTH_SERVICES",
        "POLICE",
        "EDUCATION"
      ]
    },
    {
      "code": "BASIC_NEEDS",
      "label": {
        "en": "Basic Needs",
        "fr": "Besoins fondamentaux"
      },
      "sectors": [
        "INCOME_SOCIAL_SERVICES",
        "HOUSING",
        "HEALTH"
      ]
    },
    {
      "code": "COGNITIVE_FUNCTIONING",
      "label": {
        "en": "Cognitive Functioning",
        "fr": "Fonctionnement cognitif"
      },
      "sectors": [
        "DEVELOPMENTAL_SERVICES",
        "HEALTH",
        "MENTAL_HEALTH_ADDICTIONS"
      ]
    },
    {
      "code": "CRIME_VICTIMIZATION",
      "label": {
        "en": "Crime Victimization",
        "fr": "Victimisation criminelle"
      },
      "sectors": [
        "VICTIM_SERVICES",
        "POLICE"
      ]
    },
    {
      "code": "CRIMINAL_INVOLVEMENT",
      "label": {
        "en": "Criminal Involvement",
        "fr": "Activités criminelles"
      },
      "sectors": [
        "POLICE",
        "JUSTICE"
      ]
    },
    {
      "code": "DRUGS",
      "label": {
        "en": "Drugs",
        "fr": "Drogues"
      },
      "sectors": [
        "MENTAL_HEALTH_ADDICTIONS",
        "HEALTH",
        "POLICE"
      ]
    },
    {
      "code": "ELDER_ABUSE",
      "label": {
        "en": "Elder Abuse",
        "fr": "Maltraitance des personnes aînées"
      },
      "sectors": [
        "SENIORS_SERVICES",
        "POLICE"
      ]
    },
    {
      "code": "EMOTIONAL_VIOLENCE",
      "label": {
        "en": "Emotional Violence",
        "fr": "Violence psychologique"
      },
      "sectors": [
        "VICTIM_SERVICES",
        "MENTAL_HEALTH_ADDICTIONS",
        "CHILD_FAMILY_SERVICES"
      ]
    },
    {
      "code": "GAMBLING",
      "label": {
        "en": "Gambling",
        "fr": "Jeux de hasard et d'argent"
      },
      "sectors": [
        "MENTAL_HEALTH_ADDICTIONS"
      ]
    },
    {
      "code": "GANGS",
      "label": {
        "en": "Gangs",
        "fr": "Gangs de rue"
      },
      "sectors": [
        "POLICE",
        "COMMUNITY_YOUTH_SERVICES",
        "JUSTICE"
      ]
    },
    {
      "code": "HOUSING",
      "label": {
        "en": "Housing",
        "fr": "Logement"
      },
      "sectors": [
        "HOUSING",
        "MUNICIPAL_SERVICES"
      ]
    },
    {
      "code": "MENTAL_HEALTH",
      "label": {
        "en": "Mental Health",
        "fr": "Santé mentale"
      },
      "sectors": [
        "MENTAL_HEALTH_ADDICTIONS",
        "HEALTH"
      ]
    },
    {
      "code": "MISSING_SCHOOL",
      "label": {
        "en": "Missing School",
        "fr": "Absentéisme scolaire"
      },
      "sectors": [
        "EDUCATION"
      ]
    },
    {
      "code": "MISSING_RUNAWAY",
      "label": {
        "en": "Missing/Runaway",
        "fr": "Disparition / fugue"
      },
      "sectors": [
        "POLICE",
        "CHILD_FAMILY_SERVICES",
        "COMMUNITY_YOUTH_SERVICES"
      ]
    },
    {
      "code": "NEGATIVE_PEERS",
      "label": {
        "en": "Negative Peers",
        "fr": "Influence négative des pairs"
      },
      "sectors": [
        "COMMUNITY_YOUTH_SERVICES",
        "EDUCATION"
      ]
    },
    {
      "code": "PARENTING",
      "label": {
        "en": "Parenting",
        "fr": "Compétences parentales"
      },
      "sectors": [
        "CHILD_FAMILY_SERVICES"
      ]
    },
    {
      "code": "PHYSICAL_HEALTH",
      "label": {
        "en": "Physical Health",
        "fr": "Santé physique"
      },
      "sectors": [
        "HEALTH",
        "EMS_FIRE"
      ]
    },
    {
      "code": "PHYSICAL_VIOLENCE",
      "label": {
        "en": "Physical Violence",
        "fr": "Violence physique"
      },
      "sectors": [
        "POLICE",
        "VICTIM_SERVICES"
      ]
    },
    {
      "code": "POVERTY",
      "label": {
        "en": "Poverty",
        "fr": "Pauvreté"
      },
      "sectors": [
        "INCOME_SOCIAL_SERVICES"
      ]
    },
    {
      "code": "SELF_HARM",
      "label": {
        "en": "Self Harm",
        "fr": "Automutilation"
      },
      "sectors": [
        "MENTAL_HEALTH_ADDICTIONS",
        "HEALTH"
      ]
    },
    {
      "code": "SEXUAL_VIOLENCE",
      "label": {
        "en": "Sexual Violence",
        "fr": "Violence sexuelle"
      },
      "sectors": [
        "POLICE",
        "VICTIM_SERVICES",
        "CHILD_FAMILY_SERVICES"
      ]
    },
    {
      "code": "SOCIAL_ENVIRONMENT",
      "label": {
        "en": "Social Environment",
        "fr": "Environnement social"
      },
      "sectors": [
        "COMMUNITY_YOUTH_SERVICES",
        "MUNICIPAL_SERVICES"
      ]
    },
    {
      "code": "SUICIDE",
      "label": {
        "en": "Suicide",
        "fr": "Suicide"
      },
      "sectors": [
        "MENTAL_HEALTH_ADDICTIONS",
        "HEALTH",
        "EMS_FIRE"
      ]
    },
    {
      "code": "SUPERVISION",
      "label": {
        "en": "Supervision",
        "fr": "Surveillance"
      },
      "sectors": [
        "CHILD_FAMILY_SERVICES",
        "JUSTICE"
      ]
    },
    {
      "code": "THREAT_PUBLIC_HEALTH_SAFETY",
      "label": {
        "en": "Threat to Public Health and Safety",
        "fr": "Menace pour la santé et la sécurité publiques"
      },
      "sectors": [
        "MUNICIPAL_SERVICES",
        "EMS_FIRE",
        "POLICE",
        "HEALTH"
      ]
    },
    {
      "code": "UNEMPLOYMENT",
      "label": {
        "en": "Unemployment",
        "fr": "Chômage"
      },
      "sectors": [
        "INCOME_SOCIAL_SERVICES"
      ]
    },
    {
      "code": "OTHER",
      "label": {
        "en": "Other",
        "fr": "Autre"
      },
      "sectors": [
        "OTHER"
      ]
    }
  ],
  "riskFactors": [
    {
      "code": "ALCOHOL_PERSON_ABUSE",
      "category": "ALCOHOL",
      "label": {
        "en": "Alcohol abuse by person",
        "fr": "Abus d'alcool par la personne"
      }
    },
    {
      "code": "ALCOHOL_HOME_ABUSE",
      "category": "ALCOHOL",
      "label": {
        "en": "Alcohol abuse within the home",
        "fr": "Abus d'alcool au sein du foyer"
      }
    },
    {
      "code": "ALCOHOL_PERSON_UNDERAGE",
      "category": "ALCOHOL",
      "label": {
        "en": "Underage alcohol use by person",
        "fr": "Consommation d'alcool par la personne mineure"
      }
    },
    {
      "code": "ANTISOCIAL_BEHAVIOUR_PERSON",
      "category": "ANTISOCIAL_BEHAVIOUR",
      "label": {
        "en": "Antisocial/negative behaviour by person",
        "fr": "Comportement antisocial ou négatif de la personne"
      }
    },
    {
      "code": "ANTISOCIAL_BEHAVIOUR_HOME",
      "category": "ANTISOCIAL_BEHAVIOUR",
      "label": {
        "en": "Antisocial/negative behaviour within the home",
        "fr": "Comportement antisocial ou négatif au sein du foyer"
      },
      "shortLabel": {
        "en": "Antisocial behaviour within the home",
        "fr": "Comportement antisocial au sein du foyer"
      }
    },
    {
      "code": "ANTISOCIAL_BEHAVIOUR_PERSON_AGGRESSIVE",
      "category": "ANTISOCIAL_BEHAVIOUR",
      "label": {
        "en": "Aggressive or threatening behaviour by person",
        "fr": "Comportement agressif ou menaçant de la personne"
      }
    },
    {
      "code": "ANTISOCIAL_BEHAVIOUR_PERSON_DISRUPTIVE",
      "category": "ANTISOCIAL_BEHAVIOUR",
      "label": {
        "en": "Disruptive behaviour in the community by person",
        "fr": "Comportement perturbateur de la personne dans la collectivité"
      },
      "shortLabel": {
        "en": "Disruptive behaviour in the community",
        "fr": "Comportement perturbateur dans la collectivité"
      }
    },
    {
      "code": "BASIC_NEEDS_PERSON_UNABLE",
      "category": "BASIC_NEEDS",
      "label": {
        "en": "Person unable to meet own basic needs",
        "fr": "Personne incapable de subvenir à ses propres besoins fondamentaux"
      },
      "shortLabel": {
        "en": "Unable to meet own basic needs",
        "fr": "Incapable de subvenir à ses besoins fondamentaux"
      }
    },
    {
      "code": "BASIC_NEEDS_PERSON_NEGLECTING_OTHERS",
      "category": "BASIC_NEEDS",
      "label": {
        "en": "Person neglecting others' basic needs",
        "fr": "Personne négligeant les besoins fondamentaux d'autrui"
      },
      "shortLabel": {
        "en": "Neglecting others' basic needs",
        "fr": "Néglige les besoins fondamentaux d'autrui"
      }
    },
    {
      "code": "BASIC_NEEDS_FOOD_INSECURITY",
      "category": "BASIC_NEEDS",
      "label": {
        "en": "Food insecurity",
        "fr": "Insécurité alimentaire"
      }
    },
    {
      "code": "COGNITIVE_FUNCTIONING_DIAGNOSED",
      "category": "COGNITIVE_FUNCTIONING",
      "label": {
        "en": "Diagnosed cognitive impairment or developmental disability",
        "fr": "Déficience cognitive ou intellectuelle diagnostiquée"
      },
      "shortLabel": {
        "en": "Diagnosed cognitive impairment",
        "fr": "Déficience cognitive diagnostiquée"
      }
    },
    {
      "code": "COGNITIVE_FUNCTIONING_SUSPECTED",
      "category": "COGNITIVE_FUNCTIONING",
      "label": {
        "en": "Suspected cognitive impairment",
        "fr": "Déficience cognitive soupçonnée"
      }
    },
    {
      "code": "COGNITIVE_FUNCTIONING_DEMENTIA",
      "category": "COGNITIVE_FUNCTIONING",
      "label": {
        "en": "Dementia or cognitive decline",
        "fr": "Démence ou déclin cognitif"
      }
    },
    {
      "code": "COGNITIVE_FUNCTIONING_BRAIN_INJURY",
      "category": "COGNITIVE_FUNCTIONING",
      "label": {
        "en": "Acquired brain injury",
        "fr": "Lésion cérébrale acquise"
      }
    },
    {
      "code": "COGNITIVE_FUNCTIONING_FASD",
      "category": "COGNITIVE_FUNCTIONING",
      "label": {
        "en": "Fetal alcohol spectrum disorder (FASD)",
        "fr": "Trouble du spectre de l'alcoolisation fœtale (TSAF)"
      },
      "shortLabel": {
        "en": "FASD",
        "fr": "Trouble du spectre de l'alcoolisation fœtale"
      }
    },
    {
      "code": "CRIME_VICTIMIZATION_PERSON_ASSAULT",
      "category": "CRIME_VICTIMIZATION",
      "label": {
        "en": "Person victim of assault",
        "fr": "Personne victime de voies de fait"
      }
    },
    {
      "code": "CRIME_VICTIMIZATION_PERSON_ROBBERY_THEFT",
      "category": "CRIME_VICTIMIZATION",
      "label": {
        "en": "Person victim of robbery or theft",
        "fr": "Personne victime de vol qualifié ou de vol"
      }
    },
    {
      "code": "CRIME_VICTIMIZATION_PERSON_PROPERTY",
      "category": "CRIME_VICTIMIZATION",
      "label": {
        "en": "Person victim of property crime",
        "fr": "Personne victime d'un crime contre les biens"
      }
    },
    {
      "code": "CRIME_VICTIMIZATION_PERSON_FRAUD",
      "category": "CRIME_VICTIMIZATION",
      "label": {
        "en": "Person victim of fraud or scam",
        "fr": "Personne victime de fraude ou d'escroquerie"
      }
    },
    {
      "code": "CRIME_VICTIMIZATION_PERSON_THREATS",
      "category": "CRIME_VICTIMIZATION",
      "label": {
        "en": "Person victim of threats or criminal harassment",
        "fr": "Personne victime de menaces ou de harcèlement criminel"
      },
      "shortLabel": {
        "en": "Victim of threats or criminal harassment",
        "fr": "Victime de menaces ou de harcèlement criminel"
      }
    },
    {
      "code": "CRIME_VICTIMIZATION_HOME",
      "category": "CRIME_VICTIMIZATION",
      "label": {
        "en": "Crime victimization within the home",
        "fr": "Victimisation criminelle au sein du foyer"
      }
    },
    {
      "code": "CRIMINAL_INVOLVEMENT_PERSON_ASSAULT",
      "category": "CRIMINAL_INVOLVEMENT",
      "label": {
        "en": "Person perpetrator of assault",
        "fr": "Personne auteure de voies de fait"
      }
    },
    {
      "code": "CRIMINAL_INVOLVEMENT_PERSON_THEFT",
      "category": "CRIMINAL_INVOLVEMENT",
      "label": {
        "en": "Person involved in theft or robbery",
        "fr": "Personne impliquée dans des vols ou des vols qualifiés"
      },
      "shortLabel": {
        "en": "Involved in theft or robbery",
        "fr": "Vols ou vols qualifiés"
      }
    },
    {
      "code": "CRIMINAL_INVOLVEMENT_PERSON_PROPERTY",
      "category": "CRIMINAL_INVOLVEMENT",
      "label": {
        "en": "Person involved in property crime (mischief, break and enter)",
        "fr": "Personne impliquée dans des crimes contre les biens (méfait, introduction par effraction)"
      },
      "shortLabel": {
        "en": "Involved in property crime",
        "fr": "Crimes contre les biens"
      }
    },
    {
      "code": "CRIMINAL_INVOLVEMENT_PERSON_DRUGS",
      "category": "CRIMINAL_INVOLVEMENT",
      "label": {
        "en": "Person involved in drug trafficking",
        "fr": "Personne impliquée dans le trafic de drogues"
      }
    },
    {
      "code": "CRIMINAL_INVOLVEMENT_PERSON_WEAPONS",
      "category": "CRIMINAL_INVOLVEMENT",
      "label": {
        "en": "Person involved in weapons offences",
        "fr": "Personne impliquée dans des infractions liées aux armes"
      },
      "shortLabel": {
        "en": "Involved in weapons offences",
        "fr": "Infractions liées aux armes"
      }
    },
    {
      "code": "CRIMINAL_INVOLVEMENT_PERSON_BREACH",
      "category": "CRIMINAL_INVOLVEMENT",
      "label": {
        "en": "Person breaching court orders or release conditions",
        "fr": "Personne enfreignant des ordonnances judiciaires ou des conditions de mise en liberté"
      },
      "shortLabel": {
        "en": "Breaching court orders or release conditions",
        "fr": "Non-respect d'ordonnances ou de conditions"
      }
    },
    {
      "code": "CRIMINAL_INVOLVEMENT_PERSON_OTHER",
      "category": "CRIMINAL_INVOLVEMENT",
      "label": {
        "en": "Other criminal involvement by person",
        "fr": "Autres activités criminelles de la personne"
      }
    },
    {
      "code": "CRIMINAL_INVOLVEMENT_HOME",
      "category": "CRIMINAL_INVOLVEMENT",
      "label": {
        "en": "Criminal involvement within the home",
        "fr": "Activités criminelles au sein du foyer"
      }
    },
    {
      "code": "DRUGS_PERSON_ABUSE",
      "category": "DRUGS",
      "label": {
        "en": "Drug abuse by person",
        "fr": "Abus de drogues par la personne"
      }
    },
    {
      "code": "DRUGS_HOME_ABUSE",
      "category": "DRUGS",
      "label": {
        "en": "Drug abuse within the home",
        "fr": "Abus de drogues au sein du foyer"
      }
    },
    {
      "code": "DRUGS_PERSON_OVERDOSE_RISK",
      "category": "DRUGS",
      "label": {
        "en": "Person at risk of overdose",
        "fr": "Personne à risque de surdose"
      }
    },
    {
      "code": "DRUGS_PERSON_PRESCRIPTION_MISUSE",
      "category": "DRUGS",
      "label": {
        "en": "Prescription drug misuse by person",
        "fr": "Mésusage de médicaments sur ordonnance par la personne"
      },
      "shortLabel": {
        "en": "Prescription drug misuse",
        "fr": "Mésusage de médicaments sur ordonnance"
      }
    },
    {
      "code": "DRUGS_PERSON_INJECTION",
      "category": "DRUGS",
      "label": {
        "en": "Injection drug use by person",
        "fr": "Consommation de drogues par injection par la personne"
      },
      "shortLabel": {
        "en": "Injection drug use",
        "fr": "Consommation de drogues par injection"
      }
    },
    {
      "code": "ELDER_ABUSE_PHYSICAL",
      "category": "ELDER_ABUSE",
      "label": {
        "en": "Physical abuse of an older adult",
        "fr": "Maltraitance physique d'une personne aînée"
      }
    },
    {
      "code": "ELDER_ABUSE_FINANCIAL",
      "category": "ELDER_ABUSE",
      "label": {
        "en": "Financial abuse of an older adult",
        "fr": "Exploitation financière d'une personne aînée"
      }
    },
    {
      "code": "ELDER_ABUSE_EMOTIONAL",
      "category": "ELDER_ABUSE",
      "label": {
        "en": "Emotional or psychological abuse of an older adult",
        "fr": "Maltraitance psychologique d'une personne aînée"
      }
    },
    {
      "code": "ELDER_ABUSE_NEGLECT",
      "category": "ELDER_ABUSE",
      "label": {
        "en": "Neglect of an older adult",
        "fr": "Négligence envers une personne aînée"
      }
    },
    {
      "code": "ELDER_ABUSE_PERSON_PERPETRATOR",
      "category": "ELDER_ABUSE",
      "label": {
        "en": "Person perpetrator of elder abuse",
        "fr": "Personne auteure de maltraitance envers une personne aînée"
      },
      "shortLabel": {
        "en": "Perpetrator of elder abuse",
        "fr": "Maltraite une personne aînée"
      }
    },
    {
      "code": "EMOTIONAL_VIOLENCE_PERSON_VICTIM",
      "category": "EMOTIONAL_VIOLENCE",
      "label": {
        "en": "Person victim of emotional violence",
        "fr": "Personne victime de violence psychologique"
      }
    },
    {
      "code": "EMOTIONAL_VIOLENCE_PERSON_PERPETRATOR",
      "category": "EMOTIONAL_VIOLENCE",
      "label": {
        "en": "Person perpetrator of emotional violence",
        "fr": "Personne auteure de violence psychologique"
      }
    },
    {
      "code": "EMOTIONAL_VIOLENCE_HOME",
      "category": "EMOTIONAL_VIOLENCE",
      "label": {
        "en": "Emotional violence within the home",
        "fr": "Violence psychologique au sein du foyer"
      }
    },
    {
      "code": "EMOTIONAL_VIOLENCE_PERSON_BULLYING",
      "category": "EMOTIONAL_VIOLENCE",
      "label": {
        "en": "Person victim of bullying or cyberbullying",
        "fr": "Personne victime d'intimidation ou de cyberintimidation"
      },
      "shortLabel": {
        "en": "Victim of bullying or cyberbullying",
        "fr": "Victime d'intimidation ou de cyberintimidation"
      }
    },
    {
      "code": "GAMBLING_PERSON_CHRONIC",
      "category": "GAMBLING",
      "label": {
        "en": "Chronic gambling by person",
        "fr": "Pratique chronique des jeux de hasard et d'argent par la personne"
      },
      "shortLabel": {
        "en": "Chronic gambling",
        "fr": "Pratique chronique des jeux de hasard et d'argent"
      }
    },
    {
      "code": "GAMBLING_HARM_SELF",
      "category": "GAMBLING",
      "label": {
        "en": "Gambling causing harm to self",
        "fr": "Jeu causant du tort à la personne elle-même"
      }
    },
    {
      "code": "GAMBLING_HARM_OTHERS",
      "category": "GAMBLING",
      "label": {
        "en": "Gambling causing harm to others",
        "fr": "Jeu causant du tort à autrui"
      }
    },
    {
      "code": "GANGS_PERSON_MEMBER",
      "category": "GANGS",
      "label": {
        "en": "Person gang member",
        "fr": "Personne membre d'un gang"
      }
    },
    {
      "code": "GANGS_PERSON_ASSOCIATION",
      "category": "GANGS",
      "label": {
        "en": "Person associating with gang members",
        "fr": "Personne fréquentant des membres de gangs"
      }
    },
    {
      "code": "GANGS_PERSON_RECRUITMENT_RISK",
      "category": "GANGS",
      "label": {
        "en": "Person at risk of gang recruitment",
        "fr": "Personne à risque de recrutement par un gang"
      }
    },
    {
      "code": "GANGS_HOME",
      "category": "GANGS",
      "label": {
        "en": "Gang involvement within the home",
        "fr": "Appartenance à un gang au sein du foyer"
      }
    },
    {
      "code": "HOUSING_HOMELESS_TRANSIENT",
      "category": "HOUSING",
      "label": {
        "en": "Homeless/transient",
        "fr": "Itinérance / logement précaire"
      }
    },
    {
      "code": "HOUSING_AT_RISK_OF_LOSS",
      "category": "HOUSING",
      "label": {
        "en": "At risk of losing housing",
        "fr": "Risque de perte du logement"
      }
    },
    {
      "code": "HOUSING_UNSAFE",
      "category": "HOUSING",
      "label": {
        "en": "Unsafe housing",
        "fr": "Logement insalubre ou dangereux"
      }
    },
    {
      "code": "HOUSING_OVERCROWDED",
      "category": "HOUSING",
      "label": {
        "en": "Overcrowded housing",
        "fr": "Logement surpeuplé"
      }
    },
    {
      "code": "MENTAL_HEALTH_PERSON_DIAGNOSED",
      "category": "MENTAL_HEALTH",
      "label": {
        "en": "Diagnosed mental health problem",
        "fr": "Problème de santé mentale diagnostiqué"
      }
    },
    {
      "code": "MENTAL_HEALTH_PERSON_SUSPECTED",
      "category": "MENTAL_HEALTH",
      "label": {
        "en": "Suspected mental health problem",
        "fr": "Problème de santé mentale soupçonné"
      }
    },
    {
      "code": "MENTAL_HEALTH_PERSON_NOT_TREATED",
      "category": "MENTAL_HEALTH",
      "label": {
        "en": "Person not following mental health treatment or medication",
        "fr": "Personne ne suivant pas son traitement en santé mentale ou ne prenant pas ses médicaments"
      },
      "shortLabel": {
        "en": "Not following treatment or medication",
        "fr": "Traitement ou médicaments non suivis"
      }
    },
    {
      "code": "MENTAL_HEALTH_PERSON_CRISIS",
      "category": "MENTAL_HEALTH",
      "label": {
        "en": "Person in mental health crisis",
        "fr": "Personne en situation de crise de santé mentale"
      }
    },
    {
      "code": "MENTAL_HEALTH_HOME",
      "category": "MENTAL_HEALTH",
      "label": {
        "en": "Mental health problem within the home",
        "fr": "Problème de santé mentale au sein du foyer"
      }
    },
    {
      "code": "MISSING_SCHOOL_TRUANCY",
      "category": "MISSING_SCHOOL",
      "label": {
        "en": "Truancy",
        "fr": "Absences scolaires non motivées"
      }
    },
    {
      "code": "MISSING_SCHOOL_CHRONIC_ABSENTEEISM",
      "category": "MISSING_SCHOOL",
      "label": {
        "en": "Chronic absenteeism",
        "fr": "Absentéisme chronique"
      }
    },
    {
      "code": "MISSING_SCHOOL_SUSPENDED_EXPELLED",
      "category": "MISSING_SCHOOL",
      "label": {
        "en": "Suspended or expelled from school",
        "fr": "Suspension ou renvoi de l'école"
      }
    },
    {
      "code": "MISSING_SCHOOL_NOT_ENROLLED",
      "category": "MISSING_SCHOOL",
      "label": {
        "en": "School-age person not enrolled in school",
        "fr": "Personne d'âge scolaire non inscrite à l'école"
      }
    },
    {
      "code": "MISSING_RUNAWAY_PERSON_MISSING",
      "category": "MISSING_RUNAWAY",
      "label": {
        "en": "Person currently missing",
        "fr": "Personne actuellement portée disparue"
      }
    },
    {
      "code": "MISSING_RUNAWAY_PERSON_RUNAWAY",
      "category": "MISSING_RUNAWAY",
      "label": {
        "en": "Person has run away",
        "fr": "Personne en fugue"
      }
    },
    {
      "code": "MISSING_RUNAWAY_PERSON_HISTORY",
      "category": "MISSING_RUNAWAY",
      "label": {
        "en": "Person with a history of running away or going missing",
        "fr": "Personne ayant des antécédents de fugue ou de disparition"
      },
      "shortLabel": {
        "en": "History of running away or going missing",
        "fr": "Antécédents de fugue ou de disparition"
      }
    },
    {
      "code": "NEGATIVE_PEERS_PERSON_ASSOCIATION",
      "category": "NEGATIVE_PEERS",
      "label": {
        "en": "Person associating with negative peers",
        "fr": "Personne fréquentant des pairs ayant une influence négative"
      },
      "shortLabel": {
        "en": "Associating with negative peers",
        "fr": "Fréquente des pairs ayant une influence négative"
      }
    },
    {
      "code": "NEGATIVE_PEERS_PERSON_CRIMINAL_PEERS",
      "category": "NEGATIVE_PEERS",
      "label": {
        "en": "Person associating with criminally involved peers",
        "fr": "Personne fréquentant des pairs impliqués dans la criminalité"
      },
      "shortLabel": {
        "en": "Associating with criminally involved peers",
        "fr": "Fréquente des pairs impliqués dans la criminalité"
      }
    },
    {
      "code": "NEGATIVE_PEERS_PERSON_EXPLOITED",
      "category": "NEGATIVE_PEERS",
      "label": {
        "en": "Person exploited or manipulated by peers",
        "fr": "Personne exploitée ou manipulée par ses pairs"
      }
    },
    {
      "code": "PARENTING_INADEQUATE",
      "category": "PARENTING",
      "label": {
        "en": "Inadequate parenting",
        "fr": "Compétences parentales inadéquates"
      }
    },
    {
      "code": "PARENTING_PARENT_CHILD_CONFLICT",
      "category": "PARENTING",
      "label": {
        "en": "Parent-child conflict",
        "fr": "Conflit parent-enfant"
      }
    },
    {
      "code": "PARENTING_CHILD_PROTECTION_CONCERN",
      "category": "PARENTING",
      "label": {
        "en": "Child protection concerns",
        "fr": "Préoccupations en matière de protection de l'enfance"
      },
      "shortLabel": {
        "en": "Child protection concerns",
        "fr": "Préoccupations liées à la protection de l'enfance"
      }
    },
    {
      "code": "PARENTING_CAREGIVER_UNABLE",
      "category": "PARENTING",
      "label": {
        "en": "Caregiver unable to care for dependants",
        "fr": "Personne soignante incapable de s'occuper des personnes à charge"
      },
      "shortLabel": {
        "en": "Caregiver unable to care for dependants",
        "fr": "Incapacité de s'occuper des personnes à charge"
      }
    },
    {
      "code": "PHYSICAL_HEALTH_CHRONIC",
      "category": "PHYSICAL_HEALTH",
      "label": {
        "en": "Chronic illness or condition",
        "fr": "Maladie ou affection chronique"
      }
    },
    {
      "code": "PHYSICAL_HEALTH_DISABILITY",
      "category": "PHYSICAL_HEALTH",
      "label": {
        "en": "Physical disability",
        "fr": "Handicap physique"
      }
    },
    {
      "code": "PHYSICAL_HEALTH_ACUTE",
      "category": "PHYSICAL_HEALTH",
      "label": {
        "en": "Acute illness or injury",
        "fr": "Maladie aiguë ou blessure"
      }
    },
    {
      "code": "PHYSICAL_HEALTH_NOT_TREATED",
      "category": "PHYSICAL_HEALTH",
      "label": {
        "en": "Person not following medical treatment",
        "fr": "Personne ne suivant pas son traitement médical"
      }
    },
    {
      "code": "PHYSICAL_HEALTH_PREGNANCY",
      "category": "PHYSICAL_HEALTH",
      "label": {
        "en": "High-risk pregnancy",
        "fr": "Grossesse à risque"
      }
    },
    {
      "code": "PHYSICAL_VIOLENCE_PERSON_VICTIM",
      "category": "PHYSICAL_VIOLENCE",
      "label": {
        "en": "Person victim of physical violence",
        "fr": "Personne victime de violence physique"
      }
    },
    {
      "code": "PHYSICAL_VIOLENCE_PERSON_PERPETRATOR",
      "category": "PHYSICAL_VIOLENCE",
      "label": {
        "en": "Person perpetrator of physical violence",
        "fr": "Personne auteure de violence physique"
      }
    },
    {
      "code": "PHYSICAL_VIOLENCE_HOME",
      "category": "PHYSICAL_VIOLENCE",
      "label": {
        "en": "Physical violence within the home",
        "fr": "Violence physique au sein du foyer"
      }
    },
    {
      "code": "PHYSICAL_VIOLENCE_INTIMATE_PARTNER",
      "category": "PHYSICAL_VIOLENCE",
      "label": {
        "en": "Intimate partner violence",
        "fr": "Violence entre partenaires intimes"
      }
    },
    {
      "code": "POVERTY_PERSON_INADEQUATE",
      "category": "POVERTY",
      "label": {
        "en": "Person living in less than adequate financial situation",
        "fr": "Personne vivant dans une situation financière inadéquate"
      },
      "shortLabel": {
        "en": "Inadequate financial situation (person)",
        "fr": "Situation financière inadéquate (personne)"
      }
    },
    {
      "code": "POVERTY_HOME_INADEQUATE",
      "category": "POVERTY",
      "label": {
        "en": "Household living in less than adequate financial situation",
        "fr": "Ménage vivant dans une situation financière inadéquate"
      },
      "shortLabel": {
        "en": "Inadequate financial situation (household)",
        "fr": "Situation financière inadéquate (ménage)"
      }
    },
    {
      "code": "POVERTY_DEBT",
      "category": "POVERTY",
      "label": {
        "en": "Significant debt or financial crisis",
        "fr": "Endettement important ou crise financière"
      }
    },
    {
      "code": "SELF_HARM_PERSON_CURRENT",
      "category": "SELF_HARM",
      "label": {
        "en": "Person engaging in self-harm",
        "fr": "Personne qui s'automutile"
      }
    },
    {
      "code": "SELF_HARM_PERSON_HISTORY",
      "category": "SELF_HARM",
      "label": {
        "en": "History of self-harm",
        "fr": "Antécédents d'automutilation"
      }
    },
    {
      "code": "SELF_HARM_PERSON_THREAT",
      "category": "SELF_HARM",
      "label": {
        "en": "Person threatening self-harm",
        "fr": "Personne menaçant de s'automutiler"
      }
    },
    {
      "code": "SEXUAL_VIOLENCE_PERSON_VICTIM",
      "category": "SEXUAL_VIOLENCE",
      "label": {
        "en": "Person victim of sexual violence",
        "fr": "Personne victime de violence sexuelle"
      }
    },
    {
      "code": "SEXUAL_VIOLENCE_PERSON_PERPETRATOR",
      "category": "SEXUAL_VIOLENCE",
      "label": {
        "en": "Person perpetrator of sexual violence",
        "fr": "Personne auteure de violence sexuelle"
      }
    },
    {
      "code": "SEXUAL_VIOLENCE_HOME",
      "category": "SEXUAL_VIOLENCE",
      "label": {
        "en": "Sexual violence within the home",
        "fr": "Violence sexuelle au sein du foyer"
      }
    },
    {
      "code": "SEXUAL_VIOLENCE_PERSON_EXPLOITATION",
      "category": "SEXUAL_VIOLENCE",
      "label": {
        "en": "Person victim of sexual exploitation or trafficking",
        "fr": "Personne victime d'exploitation sexuelle ou de traite"
      },
      "shortLabel": {
        "en": "Victim of sexual exploitation or trafficking",
        "fr": "Victime d'exploitation sexuelle ou de traite"
      }
    },
    {
      "code": "SEXUAL_VIOLENCE_PERSON_ONLINE",
      "category": "SEXUAL_VIOLENCE",
      "label": {
        "en": "Person victim of online sexual exploitation or luring",
        "fr": "Personne victime d'exploitation sexuelle en ligne ou de leurre"
      },
      "shortLabel": {
        "en": "Victim of online sexual exploitation or luring",
        "fr": "Victime de leurre ou d'exploitation en ligne"
      }
    },
    {
      "code": "SOCIAL_ENVIRONMENT_ISOLATION",
      "category": "SOCIAL_ENVIRONMENT",
      "label": {
        "en": "Social isolation",
        "fr": "Isolement social"
      }
    },
    {
      "code": "SOCIAL_ENVIRONMENT_UNSAFE_NEIGHBOURHOOD",
      "category": "SOCIAL_ENVIRONMENT",
      "label": {
        "en": "Unsafe or high-crime neighbourhood",
        "fr": "Quartier dangereux ou à criminalité élevée"
      }
    },
    {
      "code": "SOCIAL_ENVIRONMENT_DISCRIMINATION",
      "category": "SOCIAL_ENVIRONMENT",
      "label": {
        "en": "Experiencing discrimination or racism",
        "fr": "Discrimination ou racisme vécus"
      }
    },
    {
      "code": "SOCIAL_ENVIRONMENT_BARRIERS",
      "category": "SOCIAL_ENVIRONMENT",
      "label": {
        "en": "Language or newcomer barriers to services",
        "fr": "Obstacles linguistiques ou liés à l'immigration récente pour accéder aux services"
      },
      "shortLabel": {
        "en": "Language or newcomer barriers to services",
        "fr": "Obstacles linguistiques ou liés à l'immigration"
      }
    },
    {
      "code": "SOCIAL_ENVIRONMENT_NEIGHBOUR_CONFLICT",
      "category": "SOCIAL_ENVIRONMENT",
      "label": {
        "en": "Conflict with neighbours",
        "fr": "Conflit avec le voisinage"
      }
    },
    {
      "code": "SUICIDE_PERSON_IDEATION",
      "category": "SUICIDE",
      "label": {
        "en": "Person with suicidal thoughts",
        "fr": "Personne ayant des idées suicidaires"
      }
    },
    {
      "code": "SUICIDE_PERSON_THREAT",
      "category": "SUICIDE",
      "label": {
        "en": "Person threatening suicide",
        "fr": "Personne menaçant de se suicider"
      }
    },
    {
      "code": "SUICIDE_PERSON_PREVIOUS_ATTEMPT",
      "category": "SUICIDE",
      "label": {
        "en": "Previous suicide attempt by person",
        "fr": "Tentative de suicide antérieure de la personne"
      }
    },
    {
      "code": "SUICIDE_PERSON_AFFECTED",
      "category": "SUICIDE",
      "label": {
        "en": "Person affected by the suicide of a family member or peer",
        "fr": "Personne touchée par le suicide d'un proche ou d'un pair"
      },
      "shortLabel": {
        "en": "Affected by the suicide of a close one",
        "fr": "Personne touchée par le suicide d'un proche"
      }
    },
    {
      "code": "SUPERVISION_CHILD_INADEQUATE",
      "category": "SUPERVISION",
      "label": {
        "en": "Inadequate supervision of a child or youth",
        "fr": "Surveillance inadéquate d'un enfant ou d'un jeune"
      }
    },
    {
      "code": "SUPERVISION_DEPENDENT_ADULT_INADEQUATE",
      "category": "SUPERVISION",
      "label": {
        "en": "Inadequate supervision of a dependent adult",
        "fr": "Surveillance inadéquate d'un adulte à charge"
      }
    },
    {
      "code": "SUPERVISION_PERSON_NON_COMPLIANT",
      "category": "SUPERVISION",
      "label": {
        "en": "Person not complying with house rules or curfew",
        "fr": "Personne ne respectant pas les règles de la maison ou le couvre-feu"
      },
      "shortLabel": {
        "en": "Not complying with house rules or curfew",
        "fr": "Non-respect des règles ou du couvre-feu"
      }
    },
    {
      "code": "THREAT_PUBLIC_HEALTH_SAFETY_HOARDING",
      "category": "THREAT_PUBLIC_HEALTH_SAFETY",
      "label": {
        "en": "Hoarding or unsanitary conditions",
        "fr": "Accumulation compulsive ou conditions insalubres"
      }
    },
    {
      "code": "THREAT_PUBLIC_HEALTH_SAFETY_FIRE_RISK",
      "category": "THREAT_PUBLIC_HEALTH_SAFETY",
      "label": {
        "en": "Fire risk",
        "fr": "Risque d'incendie"
      }
    },
    {
      "code": "THREAT_PUBLIC_HEALTH_SAFETY_WEAPONS",
      "category": "THREAT_PUBLIC_HEALTH_SAFETY",
      "label": {
        "en": "Access to weapons or firearms posing a risk to the public",
        "fr": "Accès à des armes ou à des armes à feu présentant un risque pour le public"
      },
      "shortLabel": {
        "en": "Access to weapons posing a public risk",
        "fr": "Accès à des armes présentant un risque public"
      }
    },
    {
      "code": "THREAT_PUBLIC_HEALTH_SAFETY_PROBLEM_LOCATION",
      "category": "THREAT_PUBLIC_HEALTH_SAFETY",
      "label": {
        "en": "Location associated with repeated incidents",
        "fr": "Lieu associé à des incidents répétés"
      }
    },
    {
      "code": "THREAT_PUBLIC_HEALTH_SAFETY_COMMUNICABLE_DISEASE",
      "category": "THREAT_PUBLIC_HEALTH_SAFETY",
      "label": {
        "en": "Communicable disease risk",
        "fr": "Risque de maladie transmissible"
      }
    },
    {
      "code": "UNEMPLOYMENT_PERSON",
      "category": "UNEMPLOYMENT",
      "label": {
        "en": "Person unemployed",
        "fr": "Personne sans emploi"
      }
    },
    {
      "code": "UNEMPLOYMENT_PERSON_CHRONIC",
      "category": "UNEMPLOYMENT",
      "label": {
        "en": "Chronic unemployment of person",
        "fr": "Chômage chronique de la personne"
      }
    },
    {
      "code": "UNEMPLOYMENT_HOME",
      "category": "UNEMPLOYMENT",
      "label": {
        "en": "Unemployment within the home",
        "fr": "Chômage au sein du foyer"
      }
    },
    {
      "code": "OTHER_RISK_FACTOR",
      "category": "OTHER",
      "label": {
        "en": "Other risk factor",
        "fr": "Autre facteur de risque"
      }
    }
  ],
  "protectiveFactorCategories": [
    {
      "code": "PHYSICAL_HEALTH",
      "label": {
        "en": "Physical health",
        "fr": "Santé physique"
      }
    },
    {
      "code": "PROSOCIAL_BEHAVIOUR",
      "label": {
        "en": "Pro-social/positive behaviour",
        "fr": "Comportement prosocial ou positif"
      }
    },
    {
      "code": "SOCIAL_SUPPORT_NETWORK",
      "label": {
        "en": "Social support network",
        "fr": "Réseau de soutien social"
      }
    },
    {
      "code": "EDUCATION_EMPLOYMENT",
      "label": {
        "en": "Education/employment",
        "fr": "Études / emploi"
      }
    },
    {
      "code": "FAMILY",
      "label": {
        "en": "Family",
        "fr": "Famille"
      }
    },
    {
      "code": "HOUSING_STABILITY",
      "label": {
        "en": "Housing stability",
        "fr": "Stabilité du logement"
      }
    },
    {
      "code": "TREATMENT_ENGAGEMENT",
      "label": {
        "en": "Engagement with treatment",
        "fr": "Engagement dans un traitement"
      }
    }
  ],
  "protectiveFactors": [
    {
      "code": "PHYSICAL_HEALTH_GOOD_OVERALL",
      "category": "PHYSICAL_HEALTH",
      "label": {
        "en": "Good overall physical health",
        "fr": "Bonne santé physique générale"
      }
    },
    {
      "code": "PHYSICAL_HEALTH_PRIMARY_CARE",
      "category": "PHYSICAL_HEALTH",
      "label": {
        "en": "Has a family doctor or regular primary care",
        "fr": "A un médecin de famille ou un suivi régulier en soins primaires"
      },
      "shortLabel": {
        "en": "Has a family doctor or primary care",
        "fr": "Médecin de famille ou suivi en soins primaires"
      }
    },
    {
      "code": "PHYSICAL_HEALTH_CONDITION_MANAGED",
      "category": "PHYSICAL_HEALTH",
      "label": {
        "en": "Health conditions well managed",
        "fr": "Problèmes de santé bien pris en charge"
      }
    },
    {
      "code": "PROSOCIAL_BEHAVIOUR_POSITIVE_ACTIVITIES",
      "category": "PROSOCIAL_BEHAVIOUR",
      "label": {
        "en": "Involved in positive recreational, cultural or community activities",
        "fr": "Participe à des activités récréatives, culturelles ou communautaires positives"
      },
      "shortLabel": {
        "en": "Involved in positive activities",
        "fr": "Participe à des activités positives"
      }
    },
    {
      "code": "PROSOCIAL_BEHAVIOUR_POSITIVE_PEERS",
      "category": "PROSOCIAL_BEHAVIOUR",
      "label": {
        "en": "Positive peer relationships",
        "fr": "Relations positives avec les pairs"
      }
    },
    {
      "code": "PROSOCIAL_BEHAVIOUR_COPING_SKILLS",
      "category": "PROSOCIAL_BEHAVIOUR",
      "label": {
        "en": "Good coping and problem-solving skills",
        "fr": "Bonnes capacités d'adaptation et de résolution de problèmes"
      },
      "shortLabel": {
        "en": "Good coping and problem-solving skills",
        "fr": "Bonnes capacités d'adaptation"
      }
    },
    {
      "code": "PROSOCIAL_BEHAVIOUR_CULTURAL_SPIRITUAL",
      "category": "PROSOCIAL_BEHAVIOUR",
      "label": {
        "en": "Connection to culture, faith or spirituality",
        "fr": "Lien avec sa culture, sa foi ou sa spiritualité"
      }
    },
    {
      "code": "SOCIAL_SUPPORT_NETWORK_TRUSTED_ADULT",
      "category": "SOCIAL_SUPPORT_NETWORK",
      "label": {
        "en": "Trusted adult or mentor",
        "fr": "Adulte de confiance ou mentor"
      }
    },
    {
      "code": "SOCIAL_SUPPORT_NETWORK_FRIENDS_COMMUNITY",
      "category": "SOCIAL_SUPPORT_NETWORK",
      "label": {
        "en": "Supportive friends or community",
        "fr": "Amis ou communauté offrant du soutien"
      }
    },
    {
      "code": "SOCIAL_SUPPORT_NETWORK_SERVICE_PROVIDER",
      "category": "SOCIAL_SUPPORT_NETWORK",
      "label": {
        "en": "Positive relationship with a service provider",
        "fr": "Relation positive avec un fournisseur de services"
      }
    },
    {
      "code": "EDUCATION_EMPLOYMENT_ATTENDING",
      "category": "EDUCATION_EMPLOYMENT",
      "label": {
        "en": "Attending school or training regularly",
        "fr": "Fréquente régulièrement l'école ou une formation"
      }
    },
    {
      "code": "EDUCATION_EMPLOYMENT_EMPLOYED",
      "category": "EDUCATION_EMPLOYMENT",
      "label": {
        "en": "Employed or volunteering",
        "fr": "Occupe un emploi ou fait du bénévolat"
      }
    },
    {
      "code": "EDUCATION_EMPLOYMENT_GOALS",
      "category": "EDUCATION_EMPLOYMENT",
      "label": {
        "en": "Has education or career goals",
        "fr": "A des objectifs d'études ou de carrière"
      }
    },
    {
      "code": "FAMILY_SUPPORTIVE",
      "category": "FAMILY",
      "label": {
        "en": "Supportive family members",
        "fr": "Membres de la famille offrant du soutien"
      }
    },
    {
      "code": "FAMILY_ADEQUATE_SUPERVISION",
      "category": "FAMILY",
      "label": {
        "en": "Adequate parental supervision",
        "fr": "Surveillance parentale adéquate"
      }
    },
    {
      "code": "FAMILY_CAREGIVER_ENGAGED",
      "category": "FAMILY",
      "label": {
        "en": "Caregiver willing to engage with services",
        "fr": "Personne soignante disposée à collaborer avec les services"
      },
      "shortLabel": {
        "en": "Caregiver willing to engage with services",
        "fr": "Personne soignante prête à collaborer"
      }
    },
    {
      "code": "HOUSING_STABILITY_STABLE",
      "category": "HOUSING_STABILITY",
      "label": {
        "en": "Stable and safe housing",
        "fr": "Logement stable et sécuritaire"
      }
    },
    {
      "code": "HOUSING_STABILITY_AFFORDABLE",
      "category": "HOUSING_STABILITY",
      "label": {
        "en": "Affordable housing costs",
        "fr": "Coût du logement abordable"
      }
    },
    {
      "code": "HOUSING_STABILITY_SUPPORTIVE_HOUSING",
      "category": "HOUSING_STABILITY",
      "label": {
        "en": "Living in supportive or transitional housing",
        "fr": "Vit dans un logement avec services de soutien ou de transition"
      },
      "shortLabel": {
        "en": "Supportive or transitional housing",
        "fr": "Logement avec soutien ou de transition"
      }
    },
    {
      "code": "TREATMENT_ENGAGEMENT_ENGAGED",
      "category": "TREATMENT_ENGAGEMENT",
      "label": {
        "en": "Currently engaged with treatment or services",
        "fr": "Participe actuellement à un traitement ou à des services"
      },
      "shortLabel": {
        "en": "Engaged with treatment or services",
        "fr": "Participe à un traitement ou à des services"
      }
    },
    {
      "code": "TREATMENT_ENGAGEMENT_MEDICATION",
      "category": "TREATMENT_ENGAGEMENT",
      "label": {
        "en": "Adherent to prescribed medication",
        "fr": "Prend les médicaments prescrits"
      }
    },
    {
      "code": "TREATMENT_ENGAGEMENT_MOTIVATED",
      "category": "TREATMENT_ENGAGEMENT",
      "label": {
        "en": "Motivated to accept help",
        "fr": "Motivé à accepter de l'aide"
      }
    },
    {
      "code": "TREATMENT_ENGAGEMENT_PAST_SUCCESS",
      "category": "TREATMENT_ENGAGEMENT",
      "label": {
        "en": "Responded well to services in the past",
        "fr": "A bien réagi aux services par le passé"
      }
    }
  ],
  "ageBands": [
    {
      "code": "0-5",
      "label": {
        "en": "0-5 years",
        "fr": "0 à 5 ans"
      }
    },
    {
      "code": "6-11",
      "label": {
        "en": "6-11 years",
        "fr": "6 à 11 ans"
      }
    },
    {
      "code": "12-15",
      "label": {
        "en": "12-15 years",
        "fr": "12 à 15 ans"
      }
    },
    {
      "code": "16-17",
      "label": {
        "en": "16-17 years",
        "fr": "16 et 17 ans"
      }
    },
    {
      "code": "18-24",
      "label": {
        "en": "18-24 years",
        "fr": "18 à 24 ans"
      }
    },
    {
      "code": "25-29",
      "label": {
        "en": "25-29 years",
        "fr": "25 à 29 ans"
      }
    },
    {
      "code": "30-39",
      "label": {
        "en": "30-39 years",
        "fr": "30 à 39 ans"
      }
    },
    {
      "code": "40-59",
      "label": {
        "en": "40-59 years",
        "fr": "40 à 59 ans"
      }
    },
    {
      "code": "60+",
      "label": {
        "en": "60 years and over",
        "fr": "60 ans et plus"
      }
    },
    {
      "code": "UNKNOWN",
      "label": {
        "en": "Unknown",
        "fr": "Inconnu"
      }
    }
  ],
  "situationTypes": [
    {
      "code": "PERSON",
      "label": {
        "en": "Person",
        "fr": "Personne"
      }
    },
    {
      "code": "FAMILY",
      "label": {
        "en": "Family",
        "fr": "Famille"
      }
    },
    {
      "code": "GROUP",
      "label": {
        "en": "Group",
        "fr": "Groupe"
      }
    },
    {
      "code": "LOCATION",
      "label": {
        "en": "Location",
        "fr": "Lieu"
      }
    }
  ],
  "genders": [
    {
      "code": "WOMAN",
      "label": {
        "en": "Woman",
        "fr": "Femme"
      }
    },
    {
      "code": "MAN",
      "label": {
        "en": "Man",
        "fr": "Homme"
      }
    },
    {
      "code": "NON_BINARY",
      "label": {
        "en": "Non-binary",
        "fr": "Non binaire"
      }
    },
    {
      "code": "TWO_SPIRIT",
      "label": {
        "en": "Two-Spirit",
        "fr": "Personne bispirituelle"
      }
    },
    {
      "code": "OTHER",
      "label": {
        "en": "Another gender identity",
        "fr": "Autre identité de genre"
      }
    },
    {
      "code": "UNKNOWN",
      "label": {
        "en": "Unknown",
        "fr": "Inconnu"
      }
    },
    {
      "code": "NOT_APPLICABLE",
      "label": {
        "en": "Not applicable (group or location)",
        "fr": "Sans objet (groupe ou lieu)"
      }
    }
  ],
  "conclusions": [
    {
      "code": "CONNECTED_TO_SERVICES",
      "group": "RISK_LOWERED",
      "label": {
        "en": "Overall risk lowered — connected to services",
        "fr": "Risque global réduit — mise en lien avec des services"
      },
      "shortLabel": {
        "en": "Risk lowered — connected to services",
        "fr": "Risque réduit — mise en lien avec des services"
      }
    },
    {
      "code": "INFORMED_OF_SERVICES",
      "group": "RISK_LOWERED",
      "label": {
        "en": "Overall risk lowered — informed of services",
        "fr": "Risque global réduit — information sur les services"
      },
      "shortLabel": {
        "en": "Risk lowered — informed of services",
        "fr": "Risque réduit — information sur les services"
      }
    },
    {
      "code": "NO_LONGER_AER",
      "group": "RISK_LOWERED",
      "label": {
        "en": "Overall risk lowered — no longer at acutely elevated risk",
        "fr": "Risque global réduit — ne présente plus un risque très élevé"
      },
      "shortLabel": {
        "en": "Risk lowered — no longer AER",
        "fr": "Risque réduit — n'est plus à risque très élevé"
      }
    },
    {
      "code": "REFUSED_SERVICES",
      "group": "STILL_AER",
      "label": {
        "en": "Still at acutely elevated risk — refused services",
        "fr": "Toujours à risque très élevé — services refusés"
      }
    },
    {
      "code": "COULD_NOT_LOCATE",
      "group": "STILL_AER",
      "label": {
        "en": "Still at acutely elevated risk — could not be located",
        "fr": "Toujours à risque très élevé — personne introuvable"
      },
      "shortLabel": {
        "en": "Still AER — could not be located",
        "fr": "Toujours à risque très élevé — introuvable"
      }
    },
    {
      "code": "STILL_AER_OTHER",
      "group": "STILL_AER",
      "label": {
        "en": "Still at acutely elevated risk — other",
        "fr": "Toujours à risque très élevé — autre"
      }
    },
    {
      "code": "TRANSFERRED",
      "group": "OTHER",
      "label": {
        "en": "Other — transferred to another process",
        "fr": "Autre — transfert vers un autre processus"
      }
    },
    {
      "code": "MOVED",
      "group": "OTHER",
      "label": {
        "en": "Other — moved away",
        "fr": "Autre — déménagement hors du territoire"
      }
    },
    {
      "code": "DORMANT",
      "group": "OTHER",
      "label": {
        "en": "Other — closed as dormant (no activity for the dormancy periods)",
        "fr": "Autre — fermée pour inactivité (aucune activité pendant les périodes d'inactivité)"
      },
      "shortLabel": {
        "en": "Other — closed as dormant",
        "fr": "Autre — fermée pour inactivité"
      }
    }
  ],
  "consentStatuses": [
    {
      "code": "OBTAINED",
      "label": {
        "en": "Consent obtained",
        "fr": "Consentement obtenu"
      }
    },
    {
      "code": "REFUSED",
      "label": {
        "en": "Consent refused",
        "fr": "Consentement refusé"
      }
    },
    {
      "code": "NOT_SOUGHT_RISK",
      "label": {
        "en": "Not sought because of risk",
        "fr": "Non demandé en raison du risque"
      }
    },
    {
      "code": "NOT_SOUGHT_UNREACHABLE",
      "label": {
        "en": "Not sought — unable to reach",
        "fr": "Non demandé — personne injoignable"
      }
    },
    {
      "code": "NOT_APPLICABLE",
      "label": {
        "en": "Not applicable (location or group)",
        "fr": "Sans objet (lieu ou groupe)"
      }
    }
  ],
  "legalAuthorities": [
    {
      "code": "CONSENT",
      "label": {
        "en": "Consent of the individual (or of a substitute decision-maker)",
        "fr": "Consentement de la personne (ou de son mandataire spécial)"
      },
      "shortLabel": {
        "en": "Consent",
        "fr": "Consentement"
      },
      "statute": {
        "en": "FIPPA / MFIPPA / PHIPA / CYFSA",
        "fr": "LAIPVP / LAIMPVP / LPRPS / LSEJF"
      },
      "section": "FIPPA 42(1)(b); MFIPPA 32(b); PHIPA 18, 29",
      "sectors": [],
      "requires": {
        "notice": null,
        "consent": true
      },
      "retired": false,
      "source": "https://www.ontario.ca/page/guidance-information-sharing"
    },
    {
      "code": "FIPPA_S42_1_H",
      "label": {
        "en": "FIPPA s. 42(1)(h) — compelling circumstances affecting the health or safety of an individual",
        "fr": "LAIPVP, alinéa 42(1)h) — situation d'urgence ayant une incidence sur la santé ou la sécurité d'un particulier"
      },
      "shortLabel": {
        "en": "FIPPA 42(1)(h) — health or safety",
        "fr": "LAIPVP 42(1)h) — santé ou sécurité"
      },
      "statute": {
        "en": "FIPPA",
        "fr": "LAIPVP"
      },
      "section": "42(1)(h)",
      "sectors": [
        "POLICE",
        "JUSTICE",
        "HEALTH",
        "INCOME_SOCIAL_SERVICES",
        "EDUCATION"
      ],
      "requires": {
        "notice": {
          "withinDays": 7,
          "method": "MAIL_LAST_KNOWN_ADDRESS"
        },
        "consent": false
      },
      "retired": false,
      "source": "https://www.ontario.ca/laws/statute/90f31"
    },
    {
      "code": "MFIPPA_S32_H",
      "label": {
        "en": "MFIPPA s. 32(h) — compelling circumstances affecting the health or safety of an individual",
        "fr": "LAIMPVP, alinéa 32h) — situation d'urgence ayant une incidence sur la santé ou la sécurité d'un particulier"
      },
      "shortLabel": {
        "en": "MFIPPA 32(h) — health or safety",
        "fr": "LAIMPVP 32h) — santé ou sécurité"
      },
      "statute": {
        "en": "MFIPPA",
        "fr": "LAIMPVP"
      },
      "section": "32(h)",
      "sectors": [
        "POLICE",
        "EDUCATION",
        "MUNICIPAL_SERVICES",
        "HOUSING",
        "INCOME_SOCIAL_SERVICES",
        "EMS_FIRE",
        "HEALTH",
        "SENIORS_SERVICES",
        "COMMUNITY_YOUTH_SERVICES"
      ],
      "requires": {
        "notice": {
          "withinDays": 7,
          "method": "MAIL_LAST_KNOWN_ADDRESS"
        },
        "consent": false
      },
      "retired": false,
      "source": "https://www.ontario.ca/laws/statute/90m56"
    },
    {
      "code": "PHIPA_S40_1",
      "label": {
        "en": "PHIPA s. 40(1) — eliminating or reducing a significant risk of serious bodily harm to a person or group of persons",
        "fr": "LPRPS, paragraphe 40(1) — éliminer ou réduire un risque considérable de blessure grave pour une personne ou un groupe de personnes"
      },
      "shortLabel": {
        "en": "PHIPA 40(1) — risk of serious bodily harm",
        "fr": "LPRPS 40(1) — risque de blessure grave"
      },
      "statute": {
        "en": "PHIPA",
        "fr": "LPRPS"
      },
      "section": "40(1)",
      "sectors": [
        "HEALTH",
        "MENTAL_HEALTH_ADDICTIONS",
        "EMS_FIRE",
        "SENIORS_SERVICES"
      ],
      "requires": {
        "notice": null,
        "consent": false
      },
      "retired": false,
      "source": "https://www.ontario.ca/laws/statute/04p03"
    },
    {
      "code": "CYFSA_S292_1_G",
      "label": {
        "en": "CYFSA s. 292(1)(g) — assessing, reducing or eliminating a risk of serious harm to a person or group of persons",
        "fr": "LSEJF, alinéa 292(1)g) — évaluer, réduire ou éliminer un risque de préjudice grave pour une personne ou un groupe de personnes"
      },
      "shortLabel": {
        "en": "CYFSA 292(1)(g) — risk of serious harm",
        "fr": "LSEJF 292(1)g) — risque de préjudice grave"
      },
      "statute": {
        "en": "CYFSA, Part X",
        "fr": "LSEJF, partie X"
      },
      "section": "292(1)(g)",
      "sectors": [
        "CHILD_FAMILY_SERVICES",
        "COMMUNITY_YOUTH_SERVICES",
        "MENTAL_HEALTH_ADDICTIONS",
        "DEVELOPMENTAL_SERVICES",
        "JUSTICE",
        "INDIGENOUS_SERVICES"
      ],
      "requires": {
        "notice": null,
        "consent": false
      },
      "retired": false,
      "source": "https://www.ontario.ca/laws/statute/17c14"
    },
    {
      "code": "YCJA_S125_6",
      "label": {
        "en": "YCJA s. 125(6) — youth record shared with those supervising or caring for the young person (court order, safety, rehabilitation)",
        "fr": "LSJPA, paragraphe 125(6) — dossier d'adolescent communiqué aux personnes chargées de sa surveillance ou de ses soins (ordonnance, sécurité, réadaptation)"
      },
      "shortLabel": {
        "en": "YCJA 125(6) — youth record, safety",
        "fr": "LSJPA 125(6) — dossier d'adolescent, sécurité"
      },
      "statute": {
        "en": "YCJA",
        "fr": "LSJPA"
      },
      "section": "125(6)",
      "sectors": [
        "POLICE",
        "JUSTICE",
        "COMMUNITY_YOUTH_SERVICES",
        "CHILD_FAMILY_SERVICES"
      ],
      "requires": {
        "notice": null,
        "consent": false
      },
      "retired": false,
      "source": "https://laws-lois.justice.gc.ca/eng/acts/Y-1.5/section-125.html"
    },
    {
      "code": "CSPA_2019",
      "label": {
        "en": "Community Safety and Policing Act, 2019, s. 80(1) and O. Reg. 412/23 — disclosure by a chief of police or designate",
        "fr": "Loi de 2019 sur la sécurité communautaire et les services policiers, paragraphe 80(1), et Règl. de l'Ont. 412/23 — divulgation par le chef de police ou son délégué"
      },
      "shortLabel": {
        "en": "CSPA 80(1) — police disclosure",
        "fr": "LSCSP 80(1) — divulgation policière"
      },
      "statute": {
        "en": "CSPA, 2019 and O. Reg. 412/23",
        "fr": "LSCSP de 2019 et Règl. de l'Ont. 412/23"
      },
      "section": "80(1); O. Reg. 412/23",
      "sectors": [
        "POLICE"
      ],
      "requires": {
        "notice": null,
        "consent": false
      },
      "retired": false,
      "source": "https://www.ontario.ca/laws/regulation/230412"
    },
    {
      "code": "CYFSA_S125",
      "label": {
        "en": "CYFSA s. 125 — duty to report a child in need of protection",
        "fr": "LSEJF, article 125 — obligation de signaler un enfant ayant besoin de protection"
      },
      "shortLabel": {
        "en": "CYFSA 125 — duty to report",
        "fr": "LSEJF 125 — obligation de signaler"
      },
      "statute": {
        "en": "CYFSA",
        "fr": "LSEJF"
      },
      "section": "125",
      "sectors": [],
      "requires": {
        "notice": null,
        "consent": false
      },
      "retired": true,
      "source": "https://www.ontario.ca/laws/statute/17c14"
    },
    {
      "code": "OTHER_STATUTE",
      "label": {
        "en": "Other statutory authority",
        "fr": "Autre autorisation législative"
      },
      "shortLabel": {
        "en": "Other statute",
        "fr": "Autre loi"
      },
      "statute": {
        "en": "Other",
        "fr": "Autre"
      },
      "section": "—",
      "sectors": [],
      "requires": {
        "notice": null,
        "consent": false
      },
      "retired": true,
      "source": "https://www.ontario.ca/page/guidance-information-sharing"
    }
  ],
  "studyFlags": [
    {
      "code": "COVID_19",
      "label": {
        "en": "COVID-19 related",
        "fr": "Lié à la COVID-19"
      }
    },
    {
      "code": "OPIOIDS",
      "label": {
        "en": "Opioids",
        "fr": "Opioïdes"
      }
    },
    {
      "code": "HUMAN_TRAFFICKING",
      "label": {
        "en": "Human trafficking",
        "fr": "Traite de personnes"
      }
    },
    {
      "code": "INTIMATE_PARTNER_VIOLENCE",
      "label": {
        "en": "Intimate partner violence",
        "fr": "Violence entre partenaires intimes"
      }
    },
    {
      "code": "HATE_MOTIVATED",
      "label": {
        "en": "Hate-motivated",
        "fr": "Motivé par la haine"
      }
    },
    {
      "code": "FIREARMS",
      "label": {
        "en": "Firearms",
        "fr": "Armes à feu"
      }
    },
    {
      "code": "YOUTH_EXPLOITATION",
      "label": {
        "en": "Youth exploitation",
        "fr": "Exploitation des jeunes"
      }
    },
    {
      "code": "ENCAMPMENT",
      "label": {
        "en": "Encampment / unsheltered homelessness",
        "fr": "Campement / itinérance sans abri"
      }
    }
  ],
  "services": [
    {
      "code": "MENTAL_HEALTH",
      "label": {
        "en": "Mental health services",
        "fr": "Services de santé mentale"
      }
    },
    {
      "code": "ADDICTIONS",
      "label": {
        "en": "Addiction services",
        "fr": "Services de traitement des dépendances"
      }
    },
    {
      "code": "HOUSING_SHELTER",
      "label": {
        "en": "Housing / shelter",
        "fr": "Logement / hébergement d'urgence"
      }
    },
    {
      "code": "INCOME_SUPPORT",
      "label": {
        "en": "Income support",
        "fr": "Soutien du revenu"
      }
    },
    {
      "code": "MEDICAL_HOSPITAL",
      "label": {
        "en": "Medical / hospital",
        "fr": "Soins médicaux / hôpital"
      }
    },
    {
      "code": "CHILD_PROTECTION",
      "label": {
        "en": "Child protection",
        "fr": "Protection de l'enfance"
      }
    },
    {
      "code": "POLICE",
      "label": {
        "en": "Police",
        "fr": "Services policiers"
      }
    },
    {
      "code": "VICTIM_SERVICES",
      "label": {
        "en": "Victim services",
        "fr": "Services aux victimes"
      }
    },
    {
      "code": "COUNSELLING",
      "label": {
        "en": "Counselling",
        "fr": "Counseling"
      }
    },
    {
      "code": "EDUCATION_SUPPORT",
      "label": {
        "en": "Education support",
        "fr": "Soutien scolaire"
      }
    },
    {
      "code": "SENIORS_SERVICES",
      "label": {
        "en": "Seniors services",
        "fr": "Services aux personnes aînées"
      }
    },
    {
      "code": "FOOD_SECURITY",
      "label": {
        "en": "Food security",
        "fr": "Sécurité alimentaire"
      }
    },
    {
      "code": "LEGAL_SERVICES",
      "label": {
        "en": "Legal services",
        "fr": "Services juridiques"
      }
    },
    {
      "code": "INDIGENOUS_SERVICES",
      "label": {
        "en": "Indigenous services",
        "fr": "Services autochtones"
      }
    },
    {
      "code": "DEVELOPMENTAL_SERVICES",
      "label": {
        "en": "Developmental services",
        "fr": "Services aux personnes ayant une déficience intellectuelle"
      },
      "shortLabel": {
        "en": "Developmental services",
        "fr": "Services en déficience intellectuelle"
      }
    },
    {
      "code": "OTHER",
      "label": {
        "en": "Other",
        "fr": "Autre"
      }
    }
  ],
  "accessPurposes": [
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
      },
      "shortLabel": {
        "en": "Planning the intervention",
        "fr": "Planification de l'intervention"
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
  "systemBarriers": [
    {
      "code": "NO_SERVICE",
      "label": {
        "en": "No service available",
        "fr": "Aucun service disponible"
      }
    },
    {
      "code": "WAIT_LIST",
      "label": {
        "en": "Wait list",
        "fr": "Liste d'attente"
      }
    },
    {
      "code": "ELIGIBILITY",
      "label": {
        "en": "Eligibility criteria",
        "fr": "Critères d'admissibilité"
      }
    },
    {
      "code": "CAPACITY",
      "label": {
        "en": "Insufficient capacity",
        "fr": "Capacité insuffisante"
      }
    },
    {
      "code": "GEOGRAPHY",
      "label": {
        "en": "Geography (distance, area served, transportation)",
        "fr": "Géographie (distance, territoire desservi, transport)"
      },
      "shortLabel": {
        "en": "Geography",
        "fr": "Géographie"
      }
    },
    {
      "code": "LANGUAGE",
      "label": {
        "en": "Language (not offered in the person's language)",
        "fr": "Langue (service non offert dans la langue de la personne)"
      },
      "shortLabel": {
        "en": "Language",
        "fr": "Langue"
      }
    },
    {
      "code": "OTHER",
      "label": {
        "en": "Other (see the note)",
        "fr": "Autre (voir la note)"
      }
    }
  ],
  "systemBarrierContexts": [
    {
      "code": "CLOSURE",
      "label": {
        "en": "At closure",
        "fr": "Fermeture"
      }
    },
    {
      "code": "LEAD_DECLINE",
      "label": {
        "en": "Lead declined",
        "fr": "Refus de la responsabilité"
      }
    },
    {
      "code": "ACTION_NOT_DONE",
      "label": {
        "en": "Action not done",
        "fr": "Action non réalisée"
      }
    }
  ]
};
