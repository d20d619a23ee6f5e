/**
 * French for the `problem` of a field in `details.fields[]`. Problems are written in English where
 * they arise (class-validator's messages, the services' checks); a French answer carries each one
 * translated here, and a problem this table does not know becomes a generic French sentence, never
 * English. Pure: no framework import.
 */
type Rule = [RegExp, (m: RegExpMatchArray) => string];

const NB = '\u00A0';
const fr = (s: string): string => s;
const n = (x: string): string => x.replace(/\B(?=(\d{3})+(?!\d))/g, '\u00A0');

/** Ordered: the first matching rule wins. Each matches a whole problem text. */
const RULES: Rule[] = [
  [/^unknown field$/, () => fr("Ce champ n'est pas attendu.")],
  // the table's retention policy (situations/domain/retention.ts, issue 17)
  [/^must be a whole number of days from (\d+) to (\d+)$/, (m) => fr(`La valeur doit être un nombre entier de jours, de ${n(m[1])} à ${n(m[2])}.`)],
  [
    /^must be at least the reopening period \(reopenLimitDays, (\d+) days\): a reopened situation needs its identity$/,
    (m) => fr(`La conservation doit durer au moins le délai de réouverture (${n(m[1])}${NB}jours)${NB}: une situation rouverte a besoin de son identité.`),
  ],
  [
    /^must be longer than the flag period \(dormancyFlagDays, (\d+) days\)$/,
    (m) => fr(`La fermeture pour inactivité doit venir après le signalement d'inactivité (${n(m[1])}${NB}jours).`),
  ],
  [/^should not exist$/, () => fr("Ce champ n'est pas attendu.")],
  [/^.*an unknown value was passed to the validate function$/, () => fr("La valeur n'est pas d'un type attendu.")],
  [/^(?:value in \S+ )?must be a string$/, () => fr('La valeur doit être une chaîne de caractères.')],
  [/^(?:value in \S+ )?must be an integer number$/, () => fr('La valeur doit être un nombre entier.')],
  [/^(?:value in \S+ )?must be a number.*$/, () => fr('La valeur doit être un nombre.')],
  [/^(?:value in \S+ )?must not be less than (-?\d+)$/, (m) => fr(`La valeur doit être d'au moins ${n(m[1])}.`)],
  [/^(?:value in \S+ )?must not be greater than (-?\d+)$/, (m) => fr(`La valeur doit être d'au plus ${n(m[1])}.`)],
  [
    /^(?:value in \S+ )?must be one of the following values: (.*)$/,
    () => fr("La valeur doit être l'un des codes admis (ils figurent dans la documentation de l'API et dans GET /taxonomy)."),
  ],
  [/^(?:value in \S+ )?must be longer than or equal to (\d+) characters?$/, (m) => fr(`La valeur doit compter au moins ${n(m[1])}${NB}caractère${m[1] === '1' ? '' : 's'}.`)],
  [/^(?:value in \S+ )?must be shorter than or equal to (\d+) characters?$/, (m) => fr(`La valeur doit compter au plus ${n(m[1])}${NB}caractères.`)],
  [/^(?:value in \S+ )?must be a UUID$/, () => fr('La valeur doit être un identifiant UUID.')],
  [/^(?:value in \S+ )?must match .* regular expression$/, () => fr("La valeur n'a pas la forme attendue.")],
  [/^(?:value in \S+ )?must be a valid ISO 8601 date string$/, () => fr('La valeur doit être une date au format ISO 8601.')],
  [/^must be an array$/, () => fr('La valeur doit être une liste.')],
  [/^must contain no more than (\d+) elements?$/, (m) => fr(`La liste doit compter au plus ${n(m[1])}${NB}éléments.`)],
  [/^must contain at least (\d+) elements?$/, (m) => fr(`La liste doit compter au moins ${n(m[1])}${NB}élément${m[1] === '1' ? '' : 's'}.`)],
  [/^\S+'s elements must be unique$/, () => fr('Les éléments de la liste doivent être distincts.')],
  [/^(?:value in \S+ )?must be an object$/, () => fr('La valeur doit être un objet JSON.')],
  [/^is not a valid URL$/, () => fr("L'adresse demandée n'est pas une adresse valide.")],
  [/^has a segment longer than (\d+) characters$/, (m) => fr(`L'adresse demandée contient un segment de plus de ${n(m[1])}${NB}caractères.`)],
  [/^must be a JSON object$/, () => fr('Le corps de la requête doit être un objet JSON.')],
  [/^(?:value in \S+ )?must be a boolean value$/, () => fr('La valeur doit être vrai ou faux (true ou false).')],
  [/^(?:value in \S+ )?must be a boolean string$/, () => fr(`La valeur doit être «${NB}true${NB}» ou «${NB}false${NB}».`)],
  [/^must be equal to (true|false)$/, (m) => fr(`La valeur doit être ${m[1]}.`)],
  [/^(?:value in \S+ )?must be an email$/, () => fr('La valeur doit être une adresse courriel.')],
  [/^must be a valid IANA time-zone$/, () => fr('La valeur doit être un fuseau horaire IANA (par exemple America/Toronto).')],
  [/^must be an IANA time zone name such as America\/Toronto$/, () => fr('La valeur doit être un fuseau horaire IANA (par exemple America/Toronto).')],
  [/^is not an IANA time zone name$/, () => fr("La valeur n'est pas un fuseau horaire IANA.")],
  [/^is not a known time zone$/, () => fr("La valeur n'est pas un fuseau horaire connu.")],
  [/^nested property .* must be either object or array$/, () => fr('La valeur doit être un objet ou une liste.')],
  [/^must be a short note of at least two words$/, () => fr("La valeur doit être une courte note d'au moins deux mots.")],
  [
    /^a decision against the advice needs a rationale of at least (\d+) characters$/,
    (m) => fr(`Une décision contraire à l'avis exige une justification d'au moins ${n(m[1])}${NB}caractères.`),
  ],
  [/^a deferral needs the information needed, at least (\d+) characters$/, (m) => fr(`Un report exige de préciser l'information requise, en au moins ${n(m[1])}${NB}caractères.`)],
  [/^only with the outcome DEFERRED$/, () => fr('Seulement avec la décision DEFERRED (reportée).')],
  [/^only with the outcome AER or NOT_AER$/, () => fr('Seulement avec la décision AER (risque très élevé) ou NOT_AER.')],
  [/^not with the outcome DEFERRED: give informationNeeded$/, () => fr(`Pas avec la décision DEFERRED (reportée)${NB}: indiquez informationNeeded.`)],
  [
    /^must be a situation reference such as PEEL-2026-0012, or a situation id$/,
    () => fr("La valeur doit être le numéro de dossier d'une situation (par exemple PEEL-2026-0012) ou son identifiant."),
  ],
  [/^no referral with this reference or id at this table$/, () => fr("Aucune demande d'intervention de cette table ne porte ce numéro de dossier ou cet identifiant.")],
  [/^must be another referral than this one$/, () => fr("La valeur doit désigner une autre demande d'intervention que celle-ci.")],
  [
    /^the original must not be rejected, withdrawn or itself a duplicate$/,
    () => fr("La demande d'intervention d'origine ne doit être ni rejetée, ni retirée, ni elle-même un doublon."),
  ],
  [/^a decline needs a reason$/, () => fr('Un refus exige une raison (reasonCode).')],
  [/^only with the answer DECLINE$/, () => fr('Seulement avec la réponse DECLINE (refus).')],
  [/^the reason OTHER needs a note$/, () => fr('La raison OTHER (autre) exige une note.')],
  // system barriers (situations/domain/system-barriers.ts)
  // the equity questions (identity-vault/equity.ts, docs/evaluation.md 6.4)
  [/^required when the questions were not asked$/, () => fr("Ce champ est obligatoire quand les questions n'ont pas été posées.")],
  [/^required when the questions were asked$/, () => fr('Ce champ est obligatoire quand les questions ont été posées.')],
  [/^only when the questions were asked$/, () => fr("Ce champ n'est admis que si les questions ont été posées.")],
  [/^only when the questions were not asked$/, () => fr("Ce champ n'est admis que si les questions n'ont pas été posées.")],
  [/^the notice must be given before the questions$/, () => fr("L'avis doit être donné avant les questions.")],
  [/^unknown question$/, () => fr("Cette question n'existe pas.")],
  [/^unknown code$/, () => fr("Ce code n'est pas un code admis.")],
  [/^each code once$/, () => fr("Chaque code ne peut figurer qu'une fois.")],
  [/^one answer only$/, () => fr('Une seule réponse est admise à cette question.')],
  [/^an answer that stands alone is combined with another$/, () => fr('Une réponse qui doit rester seule est combinée à une autre.')],
  [/^the barrier OTHER needs a note$/, () => fr("L'obstacle OTHER (autre) exige une note.")],
  [/^a note only with the barrier OTHER$/, () => fr("Une note n'est admise qu'avec l'obstacle OTHER (autre).")],
  [/^each barrier once per service$/, () => fr("Chaque obstacle ne peut figurer qu'une fois par service.")],
  [/^must hold exactly one PRIMARY person$/, () => fr('La liste doit compter exactement une personne principale (PRIMARY).')],
  [/^only with kind (PERSONS|PLACE|GROUP)$/, (m) => fr(`Seulement avec le genre de sujet ${m[1]}.`)],
  [/^only with kind PLACE or GROUP$/, () => fr('Seulement avec le genre de sujet PLACE ou GROUP.')],
  [/^must not include the lead agency$/, () => fr("La liste ne doit pas contenir l'organisme responsable.")],
  [/^must be agencies of this table$/, () => fr('Les organismes doivent faire partie de cette table.')],
  [/^must be the lead or an assisting agency of the current assignment$/, () => fr("Ce doit être l'organisme responsable ou un organisme d'appui de l'attribution en cours.")],
  [/^must not be in the future$/, () => fr('La date ne doit pas être dans le futur.')],
  [/^must not be before the decision$/, () => fr('La date ne doit pas précéder la décision.')],
  [/^must not be before the referral$/, () => fr("La date ne doit pas précéder la demande d'intervention.")],
  [/^must be a calendar date YYYY-MM-DD$/, () => fr('La valeur doit être une date du calendrier au format AAAA-MM-JJ.')],
  [/^must hold letters or digits$/, () => fr('La valeur doit contenir des lettres ou des chiffres.')],
  [/^nothing to change: give status, dueDate or description$/, () => fr(`Rien à modifier${NB}: indiquez status, dueDate ou description.`)],
  [/^only with the status NOT_DONE$/, () => fr('Seulement avec le statut NOT_DONE (non réalisée).')],
  [/^an action not done needs a reason$/, () => fr('Une action non réalisée exige une raison (reasonCode).')],
  [/^the outcome OTHER needs a note$/, () => fr('Le résultat OTHER (autre) exige une note.')],
  [/^name the lead or an assisting agency$/, () => fr("Indiquez l'organisme responsable ou un organisme d'appui.")],
  [/^must be the lead or an assisting agency of this situation$/, () => fr("L'organisme doit être l'organisme responsable ou un organisme d'appui de cette situation.")],
  [/^must be a situation reference such as PEEL-2026-0012$/, () => fr('La valeur doit être un numéro de référence de situation, par exemple PEEL-2026-0012.')],
  [/^no such meeting at this table$/, () => fr("Cette réunion n'existe pas à cette table.")],
  [/^no such situation at this table$/, () => fr("Cette situation n'existe pas à cette table.")],
  [/^must not be a rejected or withdrawn referral$/, () => fr("La demande d'intervention ne doit pas avoir été rejetée ou retirée.")],
  [/^give situationId or reference, one of them$/, () => fr("Donnez situationId ou reference, l'un des deux seulement.")],
  [/^must be situations on this agenda$/, () => fr("Les situations doivent figurer à l'ordre du jour de cette réunion.")],
  [/^must name each situation once$/, () => fr("Chaque situation ne doit être nommée qu'une fois.")],
  [/^give agencyIds or attendees$/, () => fr('Donnez agencyIds (organismes présents) ou attendees (personnes présentes).')],
  [/^must be members of this table$/, () => fr('Les personnes doivent être membres de cette table.')],
  [/^no such agency$/, () => fr("Cet organisme n'existe pas.")],
  [/^no such user$/, () => fr("Ce compte d'utilisateur n'existe pas.")],
  [/^is not your current password$/, () => fr("Ce n'est pas votre mot de passe actuel.")],
  [/^must differ from the current password$/, () => fr('Le nouveau mot de passe doit être différent du mot de passe actuel.')],
  [/^must be an object$/, () => fr('La valeur doit être un objet JSON.')],
  [/^must be before to$/, () => fr('La date de début doit précéder la date de fin (to).')],
  [/^is not a year \(2026\), a quarter \(2026-Q3\) or a month \(2026-07\)$/, () => fr("La période n'est ni une année (2026), ni un trimestre (2026-Q3), ni un mois (2026-07).")],
  [/^must be a year from (\d+) on$/, (m) => fr(`L'année doit être ${m[1]} ou une année ultérieure.`)],
  [/^begins in the future$/, () => fr('La période commence dans le futur.')],
  [/^is not a year \(2026\)$/, () => fr("La valeur n'est pas une année (2026).")],
  [/^is not a quarter \(2026-Q3\)$/, () => fr("La valeur n'est pas un trimestre (2026-Q3).")],
  // equity figures and their benchmarks (docs/evaluation.md, I17, I18, 6.7)
  [/^equity figures cover quarters and years only .*$/, () => fr("Les données sur l'équité portent sur des trimestres et des années seulement (period=2026 ou period=2026-Q3).")],
  [/^only INDIGENOUS_IDENTITY and RACE have a benchmark$/, () => fr("Seules les questions sur l'identité autochtone et sur la race ont une population de comparaison.")],
  [/^at least one category$/, () => fr('Donnez au moins une catégorie.')],
  [/^unknown category$/, () => fr('Catégorie inconnue pour cette question.')],
  [/^a share from 0 to 1$/, () => fr('La proportion doit être comprise entre 0 et 1.')],
  [/^must add up to 1 \(± 0\.001\); they add up to ([\d.]+)$/, (m) => fr(`La somme des proportions doit être 1 (± 0,001)\u202f; elle est de ${m[1].replace('.', ',')}.`)],
  [/^a year from 2000 to 2200$/, () => fr("L'année doit être comprise entre 2000 et 2200.")],
  // regions (docs/evaluation.md, section 7)
  [/^is not a year \(2027\)$/, () => fr("La valeur n'est pas une année (2027).")],
  [/^is more than (\d+) years ahead$/, (m) => fr(`L'année est plus de ${m[1]} ans dans le futur.`)],
  [/^names no table$/, () => fr('Une valeur ne désigne aucune table.')],
  [/^a table is not in the region's time zone$/, () => fr("Une table n'est pas dans le fuseau horaire de la région.")],
  [
    /^reports cover fixed periods only: .*$/,
    () => fr(`Les rapports portent sur des périodes fixes seulement${NB}: period=2026 (une année), 2026-Q3 (un trimestre) ou 2026-07 (un mois).`),
  ],
  [/^must be the version read, e\.g\. (\d+)$/, (m) => fr(`La valeur doit être la version lue, par exemple ${m[1]}.`)],
  [/^must not contain NUL characters$/, () => fr('La valeur ne doit pas contenir de caractère NUL.')],
  [/^must be well-formed Unicode$/, () => fr('La valeur doit être du texte Unicode bien formé.')],
  [/^must be at least (\d+) characters$/, (m) => fr(`Le mot de passe doit compter au moins ${n(m[1])}${NB}caractères.`)],
  [/^must be at most (\d+) characters$/, (m) => fr(`Le mot de passe doit compter au plus ${n(m[1])}${NB}caractères.`)],
  [/^is too easy to guess/, () => fr('Ce mot de passe est trop facile à deviner (mot de passe courant, mot, nom, suite de caractères ou renseignements personnels).')],
  [/^is not a cursor this list gave$/, () => fr("Ce curseur n'a pas été fourni par cette liste.")],
  // anomaly thresholds, anomaly cases and the breach log (issue 17)
  [/^must be a whole number from (-?\d+) to (-?\d+)$/, (m) => fr(`La valeur doit être un nombre entier de ${n(m[1])} à ${n(m[2])}.`)],
  [/^must be after officeStartHour$/, () => fr('La fin des heures de bureau doit suivre leur début (officeStartHour).')],
  [/^name the breach recorded for a suspected breach$/, () => fr("Indiquez l'atteinte consignée pour une atteinte soupçonnée.")],
  [/^only with the outcome BREACH_SUSPECTED$/, () => fr(`Seulement avec l'issue «${NB}atteinte soupçonnée${NB}».`)],
  [/^must not be after discoveredAt$/, () => fr('La date ne doit pas suivre celle de la découverte (discoveredAt).')],
  [/^must not be before discoveredAt$/, () => fr('La date ne doit pas précéder celle de la découverte (discoveredAt).')],
  [/^required with personsNotifiedAt$/, () => fr("Obligatoire avec la date de l'avis aux personnes (personsNotifiedAt).")],
  [/^required with personsNotificationMethod$/, () => fr("Obligatoire avec le mode d'avis aux personnes (personsNotificationMethod).")],
  [/^record a containment step before closing a confirmed breach$/, () => fr('Consignez une mesure de confinement avant de fermer une atteinte confirmée.')],
  [
    /^no such flag for this actor in this window under the table thresholds$/,
    () => fr('Aucun signalement de cette règle pour cet utilisateur dans cette période, selon les seuils de la table.'),
  ],
  [/^must be an active privacy officer of this table$/, () => fr('La personne doit être responsable de la protection de la vie privée de cette table, et active.')],
  [/^no such breach record at this table$/, () => fr("Cette atteinte n'est pas consignée à cette table.")],
  [/^not a situation of this table: (.+)$/, (m) => fr(`Pas une situation de cette table${NB}: ${m[1]}.`)],
  [/^each must be a situation reference$/, () => fr('Chaque valeur doit être un numéro de dossier de situation.')],
  [
    /^is required by the legal authority ([A-Z0-9_]+): who obtained it, when, its scope$/,
    (m) => fr(`L'autorisation légale ${m[1]} exige le consentement${NB}: l'organisme qui l'a obtenu, quand et sa portée.`),
  ],
  [/^must not be before the disclosure$/, () => fr('La date ne doit pas précéder la divulgation.')],
  [/^must be within (\d+) days before the disclosure$/, (m) => fr(`La date doit se situer au plus ${n(m[1])}${NB}jours avant la divulgation.`)],
  [/^must be one of the situation's agencies$/, () => fr("L'organisme doit être l'un des organismes de la situation.")],
];

/** A problem's French, or a generic French sentence for a problem this table does not know. */
export function problemInFrench(problem: string): string {
  for (const [re, make] of RULES) {
    const m = problem.match(re);
    if (m) return make(m);
  }
  return "La valeur n'est pas valide.";
}

/** Whether a problem has a translation of its own (tests: no known problem falls back). */
export const hasFrenchProblem = (problem: string): boolean => RULES.some(([re]) => re.test(problem));
