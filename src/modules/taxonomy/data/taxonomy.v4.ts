/**
 * Reference data, version 2026.4: version 2026.3 with the legal authorities rebuilt as reference
 * data with conditions (issue 17, section 1): each authority's statute and section, the sectors
 * whose agencies may rely on it (empty: any), what it requires of a disclosure (notice to the
 * person within a number of days and by a method; consent) and whether it is retired (kept
 * readable for the disclosures recorded under it, refused for new ones). And one conclusion, DORMANT
 * (issue 17, section 2): a situation with no activity for the table's dormancy periods is closed by the
 * system, so that a situation never closed does not keep its identity and its texts forever. Other
 * lists are 2026.3's.
 *
 * Codes are stable identifiers: never rename or reuse one. To change the data, add a new version.
 * Integrity is checked by taxonomy.spec.ts, the French by src/french.spec.ts.
 */
import type { Conclusion, LegalAuthority, TaxonomyData } from './taxonomy.types';
import { TAXONOMY_V3 } from './taxonomy.v3';

// ---- legal authorities (issue 17, section 1) ------------------------------------------------------
// Keep changes of this version to other lists outside this section (another change may add to 2026.4).

/**
 * The authorities of 2026.4, in the order a form lists them, from the research of issue 17
 * (README, "Legal authorities": each one's statute, section and source). CYFSA_S125 (a duty to report
 * to a children's aid society, not an authority to disclose to the table) and OTHER_STATUTE (no
 * named conditions) are retired; CYFSA_S292_1_G and YCJA_S125_6 are new.
 */
export const LEGAL_AUTHORITIES_2026_4: LegalAuthority[] = [
  {
    code: 'CONSENT',
    label: {
      en: 'Consent of the individual (or of a substitute decision-maker)',
      fr: 'Consentement de la personne (ou de son mandataire spécial)',
    },
    shortLabel: {
      en: 'Consent',
      fr: 'Consentement',
    },
    statute: {
      en: 'FIPPA / MFIPPA / PHIPA / CYFSA',
      fr: 'LAIPVP / LAIMPVP / LPRPS / LSEJF',
    },
    section: 'FIPPA 42(1)(b); MFIPPA 32(b); PHIPA 18, 29',
    sectors: [],
    requires: {
      notice: null,
      consent: true,
    },
    retired: false,
    source: 'https://www.ontario.ca/page/guidance-information-sharing',
  },
  {
    code: 'FIPPA_S42_1_H',
    label: {
      en: 'FIPPA s. 42(1)(h) — compelling circumstances affecting the health or safety of an individual',
      fr: "LAIPVP, alinéa 42(1)h) — situation d'urgence ayant une incidence sur la santé ou la sécurité d'un particulier",
    },
    shortLabel: {
      en: 'FIPPA 42(1)(h) — health or safety',
      fr: 'LAIPVP 42(1)h) — santé ou sécurité',
    },
    statute: {
      en: 'FIPPA',
      fr: 'LAIPVP',
    },
    section: '42(1)(h)',
    sectors: ['POLICE', 'JUSTICE', 'HEALTH', 'INCOME_SOCIAL_SERVICES', 'EDUCATION'],
    requires: {
      notice: {
        withinDays: 7,
        method: 'MAIL_LAST_KNOWN_ADDRESS',
      },
      consent: false,
    },
    retired: false,
    source: 'https://www.ontario.ca/laws/statute/90f31',
  },
  {
    code: 'MFIPPA_S32_H',
    label: {
      en: 'MFIPPA s. 32(h) — compelling circumstances affecting the health or safety of an individual',
      fr: "LAIMPVP, alinéa 32h) — situation d'urgence ayant une incidence sur la santé ou la sécurité d'un particulier",
    },
    shortLabel: {
      en: 'MFIPPA 32(h) — health or safety',
      fr: 'LAIMPVP 32h) — santé ou sécurité',
    },
    statute: {
      en: 'MFIPPA',
      fr: 'LAIMPVP',
    },
    section: '32(h)',
    sectors: ['POLICE', 'EDUCATION', 'MUNICIPAL_SERVICES', 'HOUSING', 'INCOME_SOCIAL_SERVICES', 'EMS_FIRE', 'HEALTH', 'SENIORS_SERVICES', 'COMMUNITY_YOUTH_SERVICES'],
    requires: {
      notice: {
        withinDays: 7,
        method: 'MAIL_LAST_KNOWN_ADDRESS',
      },
      consent: false,
    },
    retired: false,
    source: 'https://www.ontario.ca/laws/statute/90m56',
  },
  {
    code: 'PHIPA_S40_1',
    label: {
      en: 'PHIPA s. 40(1) — eliminating or reducing a significant risk of serious bodily harm to a person or group of persons',
      fr: 'LPRPS, paragraphe 40(1) — éliminer ou réduire un risque considérable de blessure grave pour une personne ou un groupe de personnes',
    },
    shortLabel: {
      en: 'PHIPA 40(1) — risk of serious bodily harm',
      fr: 'LPRPS 40(1) — risque de blessure grave',
    },
    statute: {
      en: 'PHIPA',
      fr: 'LPRPS',
    },
    section: '40(1)',
    sectors: ['HEALTH', 'MENTAL_HEALTH_ADDICTIONS', 'EMS_FIRE', 'SENIORS_SERVICES'],
    requires: {
      notice: null,
      consent: false,
    },
    retired: false,
    source: 'https://www.ontario.ca/laws/statute/04p03',
  },
  {
    code: 'CYFSA_S292_1_G',
    label: {
      en: 'CYFSA s. 292(1)(g) — assessing, reducing or eliminating a risk of serious harm to a person or group of persons',
      fr: 'LSEJF, alinéa 292(1)g) — évaluer, réduire ou éliminer un risque de préjudice grave pour une personne ou un groupe de personnes',
    },
    shortLabel: {
      en: 'CYFSA 292(1)(g) — risk of serious harm',
      fr: 'LSEJF 292(1)g) — risque de préjudice grave',
    },
    statute: {
      en: 'CYFSA, Part X',
      fr: 'LSEJF, partie X',
    },
    section: '292(1)(g)',
    sectors: ['CHILD_FAMILY_SERVICES', 'COMMUNITY_YOUTH_SERVICES', 'MENTAL_HEALTH_ADDICTIONS', 'DEVELOPMENTAL_SERVICES', 'JUSTICE', 'INDIGENOUS_SERVICES'],
    requires: {
      notice: null,
      consent: false,
    },
    retired: false,
    source: 'https://www.ontario.ca/laws/statute/17c14',
  },
  {
    code: 'YCJA_S125_6',
    label: {
      en: 'YCJA s. 125(6) — youth record shared with those supervising or caring for the young person (court order, safety, rehabilitation)',
      fr: "LSJPA, paragraphe 125(6) — dossier d'adolescent communiqué aux personnes chargées de sa surveillance ou de ses soins (ordonnance, sécurité, réadaptation)",
    },
    shortLabel: {
      en: 'YCJA 125(6) — youth record, safety',
      fr: "LSJPA 125(6) — dossier d'adolescent, sécurité",
    },
    statute: {
      en: 'YCJA',
      fr: 'LSJPA',
    },
    section: '125(6)',
    sectors: ['POLICE', 'JUSTICE', 'COMMUNITY_YOUTH_SERVICES', 'CHILD_FAMILY_SERVICES'],
    requires: {
      notice: null,
      consent: false,
    },
    retired: false,
    source: 'https://laws-lois.justice.gc.ca/eng/acts/Y-1.5/section-125.html',
  },
  {
    code: 'CSPA_2019',
    label: {
      en: 'Community Safety and Policing Act, 2019, s. 80(1) and O. Reg. 412/23 — disclosure by a chief of police or designate',
      fr: "Loi de 2019 sur la sécurité communautaire et les services policiers, paragraphe 80(1), et Règl. de l'Ont. 412/23 — divulgation par le chef de police ou son délégué",
    },
    shortLabel: {
      en: 'CSPA 80(1) — police disclosure',
      fr: 'LSCSP 80(1) — divulgation policière',
    },
    statute: {
      en: 'CSPA, 2019 and O. Reg. 412/23',
      fr: "LSCSP de 2019 et Règl. de l'Ont. 412/23",
    },
    section: '80(1); O. Reg. 412/23',
    sectors: ['POLICE'],
    requires: {
      notice: null,
      consent: false,
    },
    retired: false,
    source: 'https://www.ontario.ca/laws/regulation/230412',
  },
  {
    code: 'CYFSA_S125',
    label: {
      en: 'CYFSA s. 125 — duty to report a child in need of protection',
      fr: 'LSEJF, article 125 — obligation de signaler un enfant ayant besoin de protection',
    },
    shortLabel: {
      en: 'CYFSA 125 — duty to report',
      fr: 'LSEJF 125 — obligation de signaler',
    },
    statute: {
      en: 'CYFSA',
      fr: 'LSEJF',
    },
    section: '125',
    sectors: [],
    requires: {
      notice: null,
      consent: false,
    },
    retired: true,
    source: 'https://www.ontario.ca/laws/statute/17c14',
  },
  {
    code: 'OTHER_STATUTE',
    label: {
      en: 'Other statutory authority',
      fr: 'Autre autorisation législative',
    },
    shortLabel: {
      en: 'Other statute',
      fr: 'Autre loi',
    },
    statute: {
      en: 'Other',
      fr: 'Autre',
    },
    section: '—',
    sectors: [],
    requires: {
      notice: null,
      consent: false,
    },
    retired: true,
    source: 'https://www.ontario.ca/page/guidance-information-sharing',
  },
];

// ---- end of legal authorities ----------------------------------------------------------------------

// ---- dormant closure (issue 17, section 2) ---------------------------------------------------------

/** The conclusion the system records when it closes a dormant situation; no user closes with it. */
export const DORMANT_CONCLUSION = 'DORMANT';

const dormant: Conclusion = {
  code: DORMANT_CONCLUSION,
  group: 'OTHER',
  label: { en: 'Other — closed as dormant (no activity for the dormancy periods)', fr: "Autre — fermée pour inactivité (aucune activité pendant les périodes d'inactivité)" },
  shortLabel: { en: 'Other — closed as dormant', fr: 'Autre — fermée pour inactivité' },
};

export const TAXONOMY_V4: TaxonomyData = {
  ...TAXONOMY_V3,
  version: '2026.4',
  legalAuthorities: LEGAL_AUTHORITIES_2026_4,
  conclusions: [...TAXONOMY_V3.conclusions, dormant],
};
