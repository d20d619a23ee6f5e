/**
 * The voluntary equity questions (docs/evaluation.md, sections 6.2 and 6.3; issue 19): their codes,
 * bilingual labels, the reporting categories their answers are counted in, and the notice read to
 * the person before them. Versioned reference data of their own (`equity_reference_versions`,
 * seeded by migration EquityData from a frozen copy in migrations/data/equity-2026.1.ts), apart
 * from the situation taxonomy: the questions are asked at Filter 3, long after the referral chose
 * its taxonomy version, and each answer keeps the version (questions and notice) it was given under.
 *
 * Codes are stable identifiers: never rename or reuse one; to change a label or the notice, add a
 * version. Pure: no framework, no database.
 */

/** A bilingual label (English and Canadian French). */
export interface EquityLabel {
  en: string;
  fr: string;
}

export interface EquityOption {
  code: string;
  label: EquityLabel;
}

export type EquityQuestionCode = 'INDIGENOUS_IDENTITY' | 'RACE' | 'RELIGION' | 'ETHNIC_ORIGIN' | 'GENDER_IDENTITY';

export interface EquityQuestion {
  code: EquityQuestionCode;
  /** select all that apply (checkboxes) or one answer (radios) */
  multiple: boolean;
  label: EquityLabel;
  options: EquityOption[];
  /** options that stand alone (never combined with another): "No", "Prefer not to answer" */
  alone: string[];
}

export interface EquityReference {
  version: string;
  questions: EquityQuestion[];
  /** why the questions were not asked */
  notAskedReasons: EquityOption[];
  /** who answered: the person, or a person legally authorized to act for them (Standard 5) */
  answeredBy: EquityOption[];
  /** the notice (6.3) with its placeholders {retention}, {contactTitle}, {contactEmail} */
  notice: { title: EquityLabel; text: EquityLabel };
  /** `{retention}` of the notice, with `{days}` */
  retention: EquityLabel;
}

export const PREFER_NOT_TO_ANSWER = 'PREFER_NOT_TO_ANSWER';
const PREFER: EquityOption = { code: PREFER_NOT_TO_ANSWER, label: { en: 'Prefer not to answer', fr: 'Préfère ne pas répondre' } };

export const EQUITY_2026_1: EquityReference = {
  version: '2026.1',
  questions: [
    {
      code: 'INDIGENOUS_IDENTITY',
      multiple: true,
      label: {
        en: 'Do you identify as First Nations, Métis and/or Inuit? Select all that apply.',
        fr: "Vous identifiez-vous comme personne des Premières Nations, métisse ou inuite\u202f? Choisissez toutes les réponses qui s'appliquent.",
      },
      options: [
        { code: 'NO', label: { en: 'No', fr: 'Non' } },
        { code: 'FIRST_NATIONS', label: { en: 'Yes, First Nations', fr: 'Oui, Premières Nations' } },
        { code: 'METIS', label: { en: 'Yes, Métis', fr: 'Oui, Métis' } },
        { code: 'INUIT', label: { en: 'Yes, Inuit', fr: 'Oui, Inuit' } },
        PREFER,
      ],
      alone: ['NO', PREFER_NOT_TO_ANSWER],
    },
    {
      code: 'RACE',
      multiple: true,
      label: {
        en: 'Which race category best describes you? Select all that apply.',
        fr: "Quelle catégorie raciale vous décrit le mieux\u202f? Choisissez toutes les réponses qui s'appliquent.",
      },
      options: [
        { code: 'BLACK', label: { en: 'Black (African, Afro-Caribbean, African-Canadian descent)', fr: 'Noir (ascendance africaine, afro-antillaise, afro-canadienne)' } },
        {
          code: 'EAST_ASIAN',
          label: { en: 'East Asian (Chinese, Korean, Japanese, Taiwanese descent)', fr: "Asiatique de l'Est (ascendance chinoise, coréenne, japonaise, taïwanaise)" },
        },
        { code: 'INDIGENOUS', label: { en: 'Indigenous (First Nations, Métis, Inuk/Inuit descent)', fr: 'Autochtone (ascendance des Premières Nations, métisse, inuite)' } },
        { code: 'LATINO', label: { en: 'Latino (Latin American, Hispanic descent)', fr: 'Latino-américain (ascendance latino-américaine, hispanique)' } },
        { code: 'MIDDLE_EASTERN', label: { en: 'Middle Eastern (Arab, Persian, West Asian descent)', fr: "Moyen-Oriental (ascendance arabe, perse, d'Asie occidentale)" } },
        {
          code: 'SOUTH_ASIAN',
          label: {
            en: 'South Asian (e.g. East Indian, Pakistani, Bangladeshi, Sri Lankan, Indo-Caribbean descent)',
            fr: 'Sud-Asiatique (p. ex. ascendance indienne, pakistanaise, bangladaise, sri-lankaise, indo-antillaise)',
          },
        },
        {
          code: 'SOUTHEAST_ASIAN',
          label: {
            en: 'Southeast Asian (Filipino, Vietnamese, Cambodian, Thai, Indonesian descent)',
            fr: 'Asiatique du Sud-Est (ascendance philippine, vietnamienne, cambodgienne, thaïlandaise, indonésienne)',
          },
        },
        { code: 'WHITE', label: { en: 'White (European descent)', fr: 'Blanc (ascendance européenne)' } },
        { code: 'ANOTHER', label: { en: 'Another race category', fr: 'Autre catégorie raciale' } },
        PREFER,
      ],
      alone: [PREFER_NOT_TO_ANSWER],
    },
    {
      code: 'RELIGION',
      multiple: false,
      label: { en: 'What is your religion or spiritual affiliation?', fr: 'Quelle est votre religion ou votre appartenance spirituelle\u202f?' },
      options: [
        { code: 'BUDDHIST', label: { en: 'Buddhist', fr: 'Bouddhisme' } },
        { code: 'CHRISTIAN', label: { en: 'Christian', fr: 'Christianisme' } },
        { code: 'HINDU', label: { en: 'Hindu', fr: 'Hindouisme' } },
        { code: 'JEWISH', label: { en: 'Jewish', fr: 'Judaïsme' } },
        { code: 'MUSLIM', label: { en: 'Muslim', fr: 'Islam' } },
        { code: 'SIKH', label: { en: 'Sikh', fr: 'Sikhisme' } },
        { code: 'INDIGENOUS_SPIRITUALITY', label: { en: 'Indigenous spirituality', fr: 'Spiritualité autochtone' } },
        { code: 'ANOTHER', label: { en: 'Another religion or spiritual tradition', fr: 'Autre religion ou tradition spirituelle' } },
        { code: 'NO_RELIGION', label: { en: 'No religion', fr: 'Aucune religion' } },
        PREFER,
      ],
      alone: [],
    },
    {
      code: 'ETHNIC_ORIGIN',
      multiple: true,
      label: {
        en: 'What are your ethnic or cultural origins? Select all that apply.',
        fr: "Quelles sont vos origines ethniques ou culturelles\u202f? Choisissez toutes les réponses qui s'appliquent.",
      },
      // The top-level groupings of Statistics Canada's List of ethnic or cultural origins 2021 (S19; Uncertainties).
      options: [
        { code: 'NORTH_AMERICAN_INDIGENOUS', label: { en: 'North American Indigenous origins', fr: "Origines autochtones de l'Amérique du Nord" } },
        { code: 'OTHER_NORTH_AMERICAN', label: { en: 'Other North American origins', fr: 'Autres origines nord-américaines' } },
        { code: 'EUROPEAN', label: { en: 'European origins', fr: 'Origines européennes' } },
        { code: 'CARIBBEAN', label: { en: 'Caribbean origins', fr: 'Origines des Caraïbes' } },
        { code: 'LATIN_CENTRAL_SOUTH_AMERICAN', label: { en: 'Latin, Central and South American origins', fr: 'Origines latino, centrale et sud-américaines' } },
        { code: 'AFRICAN', label: { en: 'African origins', fr: 'Origines africaines' } },
        { code: 'ASIAN', label: { en: 'Asian origins', fr: 'Origines asiatiques' } },
        { code: 'OCEANIA', label: { en: 'Oceania origins', fr: "Origines de l'Océanie" } },
        { code: 'ANOTHER', label: { en: 'Another ethnic or cultural origin', fr: 'Autre origine ethnique ou culturelle' } },
        PREFER,
      ],
      alone: [PREFER_NOT_TO_ANSWER],
    },
    {
      code: 'GENDER_IDENTITY',
      multiple: false,
      label: { en: 'What is your gender identity?', fr: 'Quelle est votre identité de genre\u202f?' },
      options: [
        { code: 'WOMAN', label: { en: 'Woman', fr: 'Femme' } },
        { code: 'MAN', label: { en: 'Man', fr: 'Homme' } },
        { code: 'NON_BINARY', label: { en: 'Non-binary', fr: 'Personne non binaire' } },
        { code: 'TWO_SPIRIT', label: { en: 'Two-Spirit', fr: 'Personne bispirituelle' } },
        { code: 'OTHER', label: { en: 'Another gender identity', fr: 'Autre identité de genre' } },
        PREFER,
      ],
      alone: [],
    },
  ],
  notAskedReasons: [
    { code: 'NOT_REACHED', label: { en: 'Person could not be reached', fr: 'Personne injoignable' } },
    { code: 'NOT_SAFE_OR_APPROPRIATE', label: { en: 'Not safe or not appropriate', fr: 'Pas sécuritaire ou pas approprié' } },
    { code: 'OTHER', label: { en: 'Other', fr: 'Autre' } },
  ],
  answeredBy: [
    { code: 'SELF', label: { en: 'The person', fr: 'La personne elle-même' } },
    { code: 'AUTHORIZED_PERSON', label: { en: 'A person legally authorized to act for them', fr: 'Une personne légalement autorisée à agir en son nom' } },
  ],
  notice: {
    title: { en: 'About these optional questions', fr: 'À propos de ces questions facultatives' },
    text: {
      en:
        'These questions are optional. You can answer some, all or none of them, or say that you prefer not to answer. Your answers will not change the help you get ' +
        'from any agency at this table. We ask them to find out whether the table serves every community fairly, and to help eliminate systemic racism and other ' +
        'inequities. Your answers are kept apart from your name and contact information, encrypted, and deleted for good when your identifying information is ' +
        "deleted, {retention}. They are only ever counted together with other people's answers, small numbers are never published, and a count already published " +
        'in a report cannot be taken back. Questions? Contact {contactTitle}, {contactEmail}.',
      fr:
        "Ces questions sont facultatives. Vous pouvez répondre à certaines d'entre elles, à toutes ou à aucune, ou indiquer que vous préférez ne pas répondre. " +
        "Vos réponses ne changeront en rien l'aide que vous recevez des organismes de cette table. Nous posons ces questions pour savoir si la table sert " +
        'équitablement toutes les communautés et pour contribuer à éliminer le racisme systémique et les autres iniquités. Vos réponses sont conservées ' +
        'séparément de votre nom et de vos coordonnées, chiffrées, puis supprimées définitivement en même temps que vos renseignements identificatoires, ' +
        "{retention}. Elles ne sont jamais comptées autrement qu'avec les réponses d'autres personnes, les petits nombres ne sont jamais publiés, et un " +
        'nombre déjà publié dans un rapport ne peut pas être retiré. Des questions\u202f? Communiquez avec {contactTitle}, {contactEmail}.',
    },
  },
  retention: { en: '{days} days after the situation is closed', fr: '{days}\u00a0jours après la fermeture de la situation' },
};

/**
 * 2026.2: the French of one ethnic origin, « Origines latino, centrale et sud-américaines », did not
 * read as French. Same codes, same notice; a label is changed by a version, so that each answer
 * keeps the words it was given under.
 */
export const EQUITY_2026_2: EquityReference = {
  ...EQUITY_2026_1,
  version: '2026.2',
  questions: EQUITY_2026_1.questions.map((q) =>
    q.code !== 'ETHNIC_ORIGIN'
      ? q
      : {
          ...q,
          options: q.options.map((o) =>
            o.code !== 'LATIN_CENTRAL_SOUTH_AMERICAN' ? o : { ...o, label: { ...o.label, fr: 'Origines latino-américaines, centraméricaines et sud-américaines' } },
          ),
        },
  ),
};

/** The equity reference data in force. */
export const EQUITY_REFERENCE = EQUITY_2026_2;

/** Every version still readable (the one each stored answer was given under). */
export const EQUITY_VERSIONS: ReadonlyMap<string, EquityReference> = new Map([EQUITY_2026_1, EQUITY_2026_2].map((r) => [r.version, r]));

export const EQUITY_QUESTION_CODES: readonly EquityQuestionCode[] = EQUITY_REFERENCE.questions.map((q) => q.code);
export const NOT_ASKED_REASON_CODES = EQUITY_REFERENCE.notAskedReasons.map((r) => r.code);
export const ANSWERED_BY_CODES = EQUITY_REFERENCE.answeredBy.map((r) => r.code);

/** The notice in one language, its placeholders filled. */
export function noticeText(ref: EquityReference, lang: 'en' | 'fr', fill: { retentionDays: number; contactTitle: string; contactEmail: string }): string {
  const retention = ref.retention[lang].replace('{days}', () => String(fill.retentionDays));
  const values: Record<string, string> = { retention, contactTitle: fill.contactTitle, contactEmail: fill.contactEmail };
  // one pass, with a function: a title holding `$&` or `{contactEmail}` is put in as it is, never expanded
  return ref.notice.text[lang].replace(/\{(retention|contactTitle|contactEmail)\}/g, (_m, key: string) => values[key]);
}
