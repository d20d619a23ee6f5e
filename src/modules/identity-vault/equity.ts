/**
 * The rules of the voluntary equity data (docs/evaluation.md, sections 6.2, 6.4, 6.5): what a record
 * may hold, the reporting category each answer is counted in, the stages a situation's answers are
 * counted at, and the change a record or a transition makes to the tallies. Pure: no framework, no
 * database, no crypto.
 */
import { EQUITY_REFERENCE, EquityQuestionCode, EquityReference, PREFER_NOT_TO_ANSWER } from './equity-reference';

/** The answers, by question: the codes chosen (one at most for a one-answer question); absent or empty: not answered. */
export type EquityAnswers = Partial<Record<EquityQuestionCode, string[]>>;

/** Every sealed plaintext is this long (JSON then spaces): the ciphertext's length says nothing of the answers. */
export const PLAINTEXT_BYTES = 1000;

/**
 * The plaintext sealed for some answers: their JSON padded to PLAINTEXT_BYTES. Valid answers always
 * fit (the largest set of every version does, equity.spec); longer ones are refused rather than
 * sealed at a length of their own.
 */
export function equityPlaintext(answers: EquityAnswers): string {
  const json = JSON.stringify(answers);
  if (Buffer.byteLength(json) > PLAINTEXT_BYTES) throw new Error('equity answers: longer than the sealed plaintext');
  return json.padEnd(PLAINTEXT_BYTES, ' ');
}

export type AskedStatus = 'ASKED' | 'NOT_ASKED';

/** What a representative records. */
export interface EquityInput {
  asked: AskedStatus;
  notAskedReason: string | null;
  answeredBy: string | null;
  noticeGiven: boolean;
  answers: EquityAnswers;
}

export interface Problem {
  field: string;
  problem: string;
}

/** The problems of a record against the reference data it is given under (400). */
export function equityProblems(input: EquityInput, ref: EquityReference = EQUITY_REFERENCE): Problem[] {
  const out: Problem[] = [];
  const answered = Object.entries(input.answers).filter(([, v]) => v && v.length);
  if (input.asked === 'NOT_ASKED') {
    if (!input.notAskedReason) out.push({ field: 'notAskedReason', problem: 'required when the questions were not asked' });
    else if (!ref.notAskedReasons.some((r) => r.code === input.notAskedReason)) out.push({ field: 'notAskedReason', problem: 'unknown code' });
    if (input.answeredBy) out.push({ field: 'answeredBy', problem: 'only when the questions were asked' });
    if (answered.length) out.push({ field: 'answers', problem: 'only when the questions were asked' });
    return out;
  }
  if (input.notAskedReason) out.push({ field: 'notAskedReason', problem: 'only when the questions were not asked' });
  if (!input.noticeGiven) out.push({ field: 'noticeGiven', problem: 'the notice must be given before the questions' });
  if (!input.answeredBy) out.push({ field: 'answeredBy', problem: 'required when the questions were asked' });
  else if (!ref.answeredBy.some((r) => r.code === input.answeredBy)) out.push({ field: 'answeredBy', problem: 'unknown code' });
  for (const [code, chosen] of Object.entries(input.answers)) {
    const q = ref.questions.find((x) => x.code === code);
    const field = `answers.${code}`;
    if (!q) {
      out.push({ field, problem: 'unknown question' });
      continue;
    }
    if (!chosen || chosen.length === 0) continue;
    if (chosen.some((c) => !q.options.some((o) => o.code === c))) out.push({ field, problem: 'unknown code' });
    else if (new Set(chosen).size !== chosen.length) out.push({ field, problem: 'each code once' });
    else if (!q.multiple && chosen.length > 1) out.push({ field, problem: 'one answer only' });
    else if (chosen.length > 1 && chosen.some((c) => q.alone.includes(c))) out.push({ field, problem: 'an answer that stands alone is combined with another' });
  }
  return out;
}

/** The question codes answered (a category or PREFER_NOT_TO_ANSWER), for the audit trail: never the answers. */
export function questionsAnswered(answers: EquityAnswers): string[] {
  return Object.entries(answers)
    .filter(([, v]) => v && v.length)
    .map(([k]) => k)
    .sort();
}

/** Not asked, or asked and left empty: categories of their own, so that asked = total − NOT_ASKED per question. */
export const NOT_ASKED = 'NOT_ASKED';
export const NOT_ANSWERED = 'NOT_ANSWERED';
export const MULTIPLE = 'MULTIPLE';
export const MULTIPLE_INDIGENOUS = 'MULTIPLE_INDIGENOUS';

/**
 * The reporting category of one question's answer (6.2), mutually exclusive: a single code is its
 * own category; Indigenous identity's combined "Yes" values are MULTIPLE_INDIGENOUS, the other
 * select-all questions' combinations MULTIPLE.
 */
export function reportingCategory(question: EquityQuestionCode, asked: AskedStatus, chosen: string[] | undefined): string {
  if (asked === 'NOT_ASKED') return NOT_ASKED;
  if (!chosen || chosen.length === 0) return NOT_ANSWERED;
  if (chosen.length === 1) return chosen[0];
  return question === 'INDIGENOUS_IDENTITY' ? MULTIPLE_INDIGENOUS : MULTIPLE;
}

/** Every reporting category of a question: its codes, the combinations, not answered and not asked. */
export function reportingCategories(question: EquityQuestionCode, ref: EquityReference = EQUITY_REFERENCE): string[] {
  const q = ref.questions.find((x) => x.code === question)!;
  const combined = !q.multiple ? [] : question === 'INDIGENOUS_IDENTITY' ? [MULTIPLE_INDIGENOUS] : [MULTIPLE];
  return [...q.options.map((o) => o.code), ...combined, NOT_ANSWERED, NOT_ASKED];
}

export { PREFER_NOT_TO_ANSWER };

export type EquityStage = 'RECORDED' | 'POLICE_LED' | 'CLOSED_RISK_LOWERED' | 'CLOSED_STILL_AER' | 'CLOSED_OTHER';
export const EQUITY_STAGES: readonly EquityStage[] = ['RECORDED', 'POLICE_LED', 'CLOSED_RISK_LOWERED', 'CLOSED_STILL_AER', 'CLOSED_OTHER'];

/** What decides the stages a recorded answer is counted at. */
export interface StageFacts {
  status: string;
  leadSector: string | null;
  /** the closure's conclusion group (RISK_LOWERED, STILL_AER, OTHER) when closed */
  conclusionGroup: string | null;
}

/**
 * The stages (6.5): RECORDED always (an answer or a refusal was recorded); POLICE_LED while the
 * current lead's sector is POLICE; one CLOSED_ stage by the closure's conclusion group.
 */
export function stagesOf(f: StageFacts): EquityStage[] {
  const out: EquityStage[] = ['RECORDED'];
  if (f.leadSector === 'POLICE') out.push('POLICE_LED');
  if (f.status === 'CLOSED') {
    out.push(f.conclusionGroup === 'RISK_LOWERED' ? 'CLOSED_RISK_LOWERED' : f.conclusionGroup === 'STILL_AER' ? 'CLOSED_STILL_AER' : 'CLOSED_OTHER');
  }
  return out;
}

/** One question's category, as a record counts it. */
export interface TallyCell {
  question: string;
  category: string;
}

/** The cells a record counts in: one per question of the version it was given under. */
export function cellsOf(asked: AskedStatus, answers: EquityAnswers, ref: EquityReference = EQUITY_REFERENCE): TallyCell[] {
  return ref.questions.map((q) => ({ question: q.code, category: reportingCategory(q.code, asked, answers[q.code]) }));
}

export interface TallyChange extends TallyCell {
  stage: EquityStage;
  delta: number;
}

/**
 * The change to the tallies from (cells, stages) before to after; either side empty for a new
 * record or a withdrawal. Only the non-zero changes, in a stable order.
 */
export function tallyChanges(before: { cells: TallyCell[]; stages: readonly EquityStage[] }, after: { cells: TallyCell[]; stages: readonly EquityStage[] }): TallyChange[] {
  const sum = new Map<string, number>();
  const add = (side: { cells: TallyCell[]; stages: readonly EquityStage[] }, sign: number) => {
    for (const c of side.cells) for (const s of side.stages) sum.set(`${c.question}|${c.category}|${s}`, (sum.get(`${c.question}|${c.category}|${s}`) ?? 0) + sign);
  };
  add(before, -1);
  add(after, 1);
  return [...sum]
    .filter(([, d]) => d !== 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, delta]) => {
      const [question, category, stage] = k.split('|');
      return { question, category, stage: stage as EquityStage, delta };
    });
}

/** A quarter of a year: its code (`2026-Q3`), first month (1-12) and referral months (`2026-07`…). */
export interface QuarterOfYear {
  quarter: string;
  firstMonth: number;
  months: string[];
}

/** The four quarters of a year, in order: the periods equity counts are frozen by (6.6). */
export function quartersOf(year: number): QuarterOfYear[] {
  return [1, 2, 3, 4].map((q) => {
    const firstMonth = (q - 1) * 3 + 1;
    return { quarter: `${year}-Q${q}`, firstMonth, months: [0, 1, 2].map((i) => `${year}-${String(firstMonth + i).padStart(2, '0')}`) };
  });
}

/** The reports' words for the equity data (docs/evaluation.md 6.6): short question names, the combined categories, the stages. */
export const EQUITY_REPORT_LABELS: Record<string, { en: string; fr: string }> = {
  INDIGENOUS_IDENTITY: { en: 'Indigenous identity', fr: 'Identité autochtone' },
  RACE: { en: 'Race', fr: 'Catégorie raciale' },
  RELIGION: { en: 'Religion or spiritual affiliation', fr: 'Religion ou appartenance spirituelle' },
  ETHNIC_ORIGIN: { en: 'Ethnic or cultural origin', fr: 'Origine ethnique ou culturelle' },
  GENDER_IDENTITY: { en: 'Gender identity', fr: 'Identité de genre' },
  [MULTIPLE]: { en: 'More than one category', fr: 'Plus d’une catégorie' },
  [MULTIPLE_INDIGENOUS]: { en: 'More than one Indigenous identity', fr: 'Plus d’une identité autochtone' },
  POLICE_LED: { en: 'Led by police', fr: 'Dirigée par la police' },
  CLOSED_RISK_LOWERED: { en: 'Closed, risk lowered', fr: 'Fermée, risque réduit' },
  CLOSED_STILL_AER: { en: 'Closed, still at acutely elevated risk', fr: 'Fermée, toujours à risque très élevé' },
  CLOSED_OTHER: { en: 'Closed, other conclusion', fr: 'Fermée, autre conclusion' },
};

/** What the reports count a question's answers in: its reporting categories that are answers, with their labels. */
export function reportedCategories(question: EquityQuestionCode, lang: 'en' | 'fr', ref: EquityReference = EQUITY_REFERENCE): { code: string; label: string }[] {
  const q = ref.questions.find((x) => x.code === question)!;
  return reportingCategories(question, ref)
    .filter((c) => c !== PREFER_NOT_TO_ANSWER && c !== NOT_ANSWERED && c !== NOT_ASKED)
    .map((code) => ({ code, label: q.options.find((o) => o.code === code)?.label[lang] ?? EQUITY_REPORT_LABELS[code]?.[lang] ?? code }));
}
