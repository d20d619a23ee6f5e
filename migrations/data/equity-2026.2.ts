/**
 * Equity reference data version 2026.2 (the voluntary questions, their codes and labels, and the
 * notice: docs/evaluation.md, sections 6.2 and 6.3) exactly as it was released, for the migration
 * that seeds it. Self-contained: never edit this file once released.
 */
export interface FrozenEquityReference {
  version: string;
  [list: string]: unknown;
}

export const EQUITY_2026_2: FrozenEquityReference = {
  "version": "2026.2",
  "questions": [
    {
      "code": "INDIGENOUS_IDENTITY",
      "multiple": true,
      "label": {
        "en": "Do you identify as First Nations, Métis and/or Inuit? Select all that apply.",
        "fr": "Vous identifiez-vous comme personne des Premières Nations, métisse ou inuite ? Choisissez toutes les réponses qui s'appliquent."
      },
      "options": [
        {
          "code": "NO",
          "label": {
            "en": "No",
            "fr": "Non"
          }
        },
        {
          "code": "FIRST_NATIONS",
          "label": {
            "en": "Yes, First Nations",
            "fr": "Oui, Premières Nations"
          }
        },
        {
          "code": "METIS",
          "label": {
            "en": "Yes, Métis",
            "fr": "Oui, Métis"
          }
        },
        {
          "code": "INUIT",
          "label": {
            "en": "Yes, Inuit",
            "fr": "Oui, Inuit"
          }
        },
        {
          "code": "PREFER_NOT_TO_ANSWER",
          "label": {
            "en": "Prefer not to answer",
            "fr": "Préfère ne pas répondre"
          }
        }
      ],
      "alone": [
        "NO",
        "PREFER_NOT_TO_ANSWER"
      ]
    },
    {
      "code": "RACE",
      "multiple": true,
      "label": {
        "en": "Which race category best describes you? Select all that apply.",
        "fr": "Quelle catégorie raciale vous décrit le mieux ? Choisissez toutes les réponses qui s'appliquent."
      },
      "options": [
        {
          "code": "BLACK",
          "label": {
            "en": "Black (African, Afro-Caribbean, African-Canadian descent)",
            "fr": "Noir (ascendance africaine, afro-antillaise, afro-canadienne)"
          }
        },
        {
          "code": "EAST_ASIAN",
          "label": {
            "en": "East Asian (Chinese, Korean, Japanese, Taiwanese descent)",
            "fr": "Asiatique de l'Est (ascendance chinoise, coréenne, japonaise, taïwanaise)"
          }
        },
        {
          "code": "INDIGENOUS",
          "label": {
            "en": "Indigenous (First Nations, Métis, Inuk/Inuit descent)",
            "fr": "Autochtone (ascendance des Premières Nations, métisse, inuite)"
          }
        },
        {
          "code": "LATINO",
          "label": {
            "en": "Latino (Latin American, Hispanic descent)",
            "fr": "Latino-américain (ascendance latino-américaine, hispanique)"
          }
        },
        {
          "code": "MIDDLE_EASTERN",
          "label": {
            "en": "Middle Eastern (Arab, Persian, West Asian descent)",
            "fr": "Moyen-Oriental (ascendance arabe, perse, d'Asie occidentale)"
          }
        },
        {
          "code": "SOUTH_ASIAN",
          "label": {
            "en": "South Asian (e.g. East Indian, Pakistani, Bangladeshi, Sri Lankan, Indo-Caribbean descent)",
            "fr": "Sud-Asiatique (p. ex. ascendance indienne, pakistanaise, bangladaise, sri-lankaise, indo-antillaise)"
          }
        },
        {
          "code": "SOUTHEAST_ASIAN",
          "label": {
            "en": "Southeast Asian (Filipino, Vietnamese, Cambodian, Thai, Indonesian descent)",
            "fr": "Asiatique du Sud-Est (ascendance philippine, vietnamienne, cambodgienne, thaïlandaise, indonésienne)"
          }
        },
        {
          "code": "WHITE",
          "label": {
            "en": "White (European descent)",
            "fr": "Blanc (ascendance européenne)"
          }
        },
        {
          "code": "ANOTHER",
          "label": {
            "en": "Another race category",
            "fr": "Autre catégorie raciale"
          }
        },
        {
          "code": "PREFER_NOT_TO_ANSWER",
          "label": {
            "en": "Prefer not to answer",
            "fr": "Préfère ne pas répondre"
          }
        }
      ],
      "alone": [
        "PREFER_NOT_TO_ANSWER"
      ]
    },
    {
      "code": "RELIGION",
      "multiple": false,
      "label": {
        "en": "What is your religion or spiritual affiliation?",
        "fr": "Quelle est votre religion ou votre appartenance spirituelle ?"
      },
      "options": [
        {
          "code": "BUDDHIST",
          "label": {
            "en": "Buddhist",
            "fr": "Bouddhisme"
          }
        },
        {
          "code": "CHRISTIAN",
          "label": {
            "en": "Christian",
            "fr": "Christianisme"
          }
        },
        {
          "code": "HINDU",
          "label": {
            "en": "Hindu",
            "fr": "Hindouisme"
          }
        },
        {
          "code": "JEWISH",
          "label": {
            "en": "Jewish",
            "fr": "Judaïsme"
          }
        },
        {
          "code": "MUSLIM",
          "label": {
            "en": "Muslim",
            "fr": "Islam"
          }
        },
        {
          "code": "SIKH",
          "label": {
            "en": "Sikh",
            "fr": "Sikhisme"
          }
        },
        {
          "code": "INDIGENOUS_SPIRITUALITY",
          "label": {
            "en": "Indigenous spirituality",
            "fr": "Spiritualité autochtone"
          }
        },
        {
          "code": "ANOTHER",
          "label": {
            "en": "Another religion or spiritual tradition",
            "fr": "Autre religion ou tradition spirituelle"
          }
        },
        {
          "code": "NO_RELIGION",
          "label": {
            "en": "No religion",
            "fr": "Aucune religion"
          }
        },
        {
          "code": "PREFER_NOT_TO_ANSWER",
          "label": {
            "en": "Prefer not to answer",
            "fr": "Préfère ne pas répondre"
          }
        }
      ],
      "alone": []
    },
    {
      "code": "ETHNIC_ORIGIN",
      "multiple": true,
      "label": {
        "en": "What are your ethnic or cultural origins? Select all that apply.",
        "fr": "Quelles sont vos origines ethniques ou culturelles ? Choisissez toutes les réponses qui s'appliquent."
      },
      "options": [
        {
          "code": "NORTH_AMERICAN_INDIGENOUS",
          "label": {
            "en": "North American Indigenous origins",
            "fr": "Origines autochtones de l'Amérique du Nord"
          }
        },
        {
          "code": "OTHER_NORTH_AMERICAN",
          "label": {
            "en": "Other North American origins",
            "fr": "Autres origines nord-américaines"
          }
        },
        {
          "code": "EUROPEAN",
          "label": {
            "en": "European origins",
            "fr": "Origines européennes"
          }
        },
        {
          "code": "CARIBBEAN",
          "label": {
            "en": "Caribbean origins",
            "fr": "Origines des Caraïbes"
          }
        },
        {
          "code": "LATIN_CENTRAL_SOUTH_AMERICAN",
          "label": {
            "en": "Latin, Central and South American origins",
            "fr": "Origines latino-américaines, centraméricaines et sud-américaines"
          }
        },
        {
          "code": "AFRICAN",
          "label": {
            "en": "African origins",
            "fr": "Origines africaines"
          }
        },
        {
          "code": "ASIAN",
          "label": {
            "en": "Asian origins",
            "fr": "Origines asiatiques"
          }
        },
        {
          "code": "OCEANIA",
          "label": {
            "en": "Oceania origins",
            "fr": "Origines de l'Océanie"
          }
        },
        {
          "code": "ANOTHER",
          "label": {
            "en": "Another ethnic or cultural origin",
            "fr": "Autre origine ethnique ou culturelle"
          }
        },
        {
          "code": "PREFER_NOT_TO_ANSWER",
          "label": {
            "en": "Prefer not to answer",
            "fr": "Préfère ne pas répondre"
          }
        }
      ],
      "alone": [
        "PREFER_NOT_TO_ANSWER"
      ]
    },
    {
      "code": "GENDER_IDENTITY",
      "multiple": false,
      "label": {
        "en": "What is your gender identity?",
        "fr": "Quelle est votre identité de genre ?"
      },
      "options": [
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
            "fr": "Personne non binaire"
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
          "code": "PREFER_NOT_TO_ANSWER",
          "label": {
            "en": "Prefer not to answer",
            "fr": "Préfère ne pas répondre"
          }
        }
      ],
      "alone": []
    }
  ],
  "notAskedReasons": [
    {
      "code": "NOT_REACHED",
      "label": {
        "en": "Person could not be reached",
        "fr": "Personne injoignable"
      }
    },
    {
      "code": "NOT_SAFE_OR_APPROPRIATE",
      "label": {
        "en": "Not safe or not appropriate",
        "fr": "Pas sécuritaire ou pas approprié"
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
  "answeredBy": [
    {
      "code": "SELF",
      "label": {
        "en": "The person",
        "fr": "La personne elle-même"
      }
    },
    {
      "code": "AUTHORIZED_PERSON",
      "label": {
        "en": "A person legally authorized to act for them",
        "fr": "Une personne légalement autorisée à agir en son nom"
      }
    }
  ],
  "notice": {
    "title": {
      "en": "About these optional questions",
      "fr": "À propos de ces questions facultatives"
    },
    "text": {
      "en": "These questions are optional. You can answer some, all or none of them, or say that you prefer not to answer. Your answers will not change the help you get from any agency at this table. We ask them to find out whether the table serves every community fairly, and to help eliminate systemic racism and other inequities. Your answers are kept apart from your name and contact information, encrypted, and deleted for good when your identifying information is deleted, {retention}. They are only ever counted together with other people's answers, small numbers are never published, and a count already published in a report cannot be taken back. Questions? Contact {contactTitle}, {contactEmail}.",
      "fr": "Ces questions sont facultatives. Vous pouvez répondre à certaines d'entre elles, à toutes ou à aucune, ou indiquer que vous préférez ne pas répondre. Vos réponses ne changeront en rien l'aide que vous recevez des organismes de cette table. Nous posons ces questions pour savoir si la table sert équitablement toutes les communautés et pour contribuer à éliminer le racisme systémique et les autres iniquités. Vos réponses sont conservées séparément de votre nom et de vos coordonnées, chiffrées, puis supprimées définitivement en même temps que vos renseignements identificatoires, {retention}. Elles ne sont jamais comptées autrement qu'avec les réponses d'autres personnes, les petits nombres ne sont jamais publiés, et un nombre déjà publié dans un rapport ne peut pas être retiré. Des questions ? Communiquez avec {contactTitle}, {contactEmail}."
    }
  },
  "retention": {
    "en": "{days} days after the situation is closed",
    "fr": "{days} jours après la fermeture de la situation"
  }
};
