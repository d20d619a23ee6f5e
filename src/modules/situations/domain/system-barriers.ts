/**
 * System barriers (docs/evaluation.md, section 5): a coded reason, outside the person and the
 * agencies' will, why a needed service could not be connected. Recorded at closure, with a lead's
 * decline, or with an action not done; codes only (and a service type), a note for OTHER alone.
 * Labels are reference data (taxonomy 2026.5 `systemBarriers`, `systemBarrierContexts`). Pure: no
 * Nest, no TypeORM.
 */

/** The codes, in the order of their bit in `situations.barrier_mask` (the migration's trigger uses the same order). */
export const SYSTEM_BARRIER_CODES = ['NO_SERVICE', 'WAIT_LIST', 'ELIGIBILITY', 'CAPACITY', 'GEOGRAPHY', 'LANGUAGE', 'OTHER'] as const;
export type SystemBarrierCode = (typeof SYSTEM_BARRIER_CODES)[number];

/** Where a barrier was recorded: what it links to (the situation, the assignment declined, the action). */
export const SYSTEM_BARRIER_CONTEXTS = ['CLOSURE', 'LEAD_DECLINE', 'ACTION_NOT_DONE'] as const;
export type SystemBarrierContext = (typeof SYSTEM_BARRIER_CONTEXTS)[number];

/** At most this many barriers in one body (each code once per service). */
export const MAX_SYSTEM_BARRIERS = 20;
/** The note of OTHER: short, de-identified. */
export const MAX_BARRIER_NOTE = 500;

export interface SystemBarrierInput {
  code: string;
  service?: string | null;
  note?: string | null;
}

/** A barrier as stored: the note trimmed, absent fields null. */
export interface SystemBarrierEntry {
  code: SystemBarrierCode;
  service: string | null;
  note: string | null;
}

/** The bit of a code in `barrier_mask`. */
export function barrierBit(code: SystemBarrierCode): number {
  return 1 << SYSTEM_BARRIER_CODES.indexOf(code);
}

/** The mask of a situation's barriers, any context: one bit per code. */
export function barrierMask(codes: readonly SystemBarrierCode[]): number {
  return codes.reduce((mask, code) => mask | barrierBit(code), 0);
}

const isCode = (code: string): code is SystemBarrierCode => (SYSTEM_BARRIER_CODES as readonly string[]).includes(code);

/**
 * The problems of a list of barriers (field, problem), before the notes' PII check: a note for OTHER
 * only (required there, refused elsewhere), each code once per service. Codes and services are
 * checked against the reference data by the DTO.
 */
export function systemBarrierProblems(entries: readonly SystemBarrierInput[], field = 'systemBarriers'): { field: string; problem: string }[] {
  const problems: { field: string; problem: string }[] = [];
  const seen = new Set<string>();
  entries.forEach((e, i) => {
    const note = e.note?.trim() ?? '';
    if (e.code === 'OTHER' && !note) problems.push({ field: `${field}[${i}].note`, problem: 'the barrier OTHER needs a note' });
    if (e.code !== 'OTHER' && note) problems.push({ field: `${field}[${i}].note`, problem: 'a note only with the barrier OTHER' });
    const key = `${e.code}|${e.service ?? ''}`;
    if (seen.has(key)) problems.push({ field: `${field}[${i}]`, problem: 'each barrier once per service' });
    seen.add(key);
  });
  return problems;
}

/** The entries to store, once `systemBarrierProblems` found none. */
export function systemBarrierEntries(entries: readonly SystemBarrierInput[]): SystemBarrierEntry[] {
  return entries
    .filter((e) => isCode(e.code))
    .map((e) => ({ code: e.code as SystemBarrierCode, service: e.service ?? null, note: e.code === 'OTHER' ? e.note?.trim() || null : null }));
}

/** The notes of a list of barriers (OTHER only), named by their place in the body, for the de-identification check. */
export function barrierNotes(entries: readonly SystemBarrierEntry[], field = 'systemBarriers'): Record<string, string> {
  return Object.fromEntries(entries.flatMap((e, i) => (e.note ? [[`${field}[${i}].note`, e.note]] : [])));
}

/**
 * The barrier a form may propose for a reason (section 5: suggested, never inferred; the user
 * confirms): a lead declined for CAPACITY proposes CAPACITY; an action not done for NOT_ELIGIBLE
 * proposes ELIGIBILITY, for NO_CAPACITY CAPACITY. Null: nothing to propose.
 */
export function suggestedBarrier(context: SystemBarrierContext, reasonCode: string | null | undefined): SystemBarrierCode | null {
  if (context === 'LEAD_DECLINE' && reasonCode === 'CAPACITY') return 'CAPACITY';
  if (context === 'ACTION_NOT_DONE' && reasonCode === 'NOT_ELIGIBLE') return 'ELIGIBILITY';
  if (context === 'ACTION_NOT_DONE' && reasonCode === 'NO_CAPACITY') return 'CAPACITY';
  return null;
}

/** Barriers as the audit trail records them: codes and services only, never the note. */
export function auditedBarriers(entries: readonly { code: string; service: string | null }[]): string[] {
  return entries.map((e) => (e.service ? `${e.code}:${e.service}` : e.code));
}

/** What a change of the closure barriers added and removed (audit details: codes and services only). */
export function barrierChange(
  before: readonly { code: string; service: string | null }[],
  after: readonly { code: string; service: string | null }[],
): { added: string[]; removed: string[] } {
  const was = new Set(auditedBarriers(before));
  const now = new Set(auditedBarriers(after));
  return { added: [...now].filter((k) => !was.has(k)), removed: [...was].filter((k) => !now.has(k)) };
}
