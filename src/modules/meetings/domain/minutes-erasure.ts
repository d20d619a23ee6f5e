/**
 * The erasure of a purged situation's texts from approved minutes (issue 17, section 2). Pure: no
 * Nest, no TypeORM. The approved minutes are a snapshot (meeting_minutes, immutable by trigger but
 * for this erasure): a situation whose retention has run out keeps its reference and codes there
 * (decision outcome, assignment, mobilisation, closure), never its texts (the decision's rationale
 * or deferral question, its status updates' notes, its actions' descriptions).
 */

interface WithSituation {
  situationId: string;
}

export interface ErasableMinutes {
  decisions: (WithSituation & { rationale: string | null })[];
  updates: (WithSituation & { note: string })[];
  actions: (WithSituation & { description: string })[];
}

/** The document without the situation's texts, and how many texts were erased (0: unchanged). */
export function eraseSituationFromMinutes<T extends ErasableMinutes>(doc: T, situationId: string): { document: T; erased: number } {
  let erased = 0;
  const mine = (x: WithSituation) => x.situationId === situationId;
  const decisions = (doc.decisions ?? []).map((d) => (mine(d) && d.rationale !== null ? (erased++, { ...d, rationale: null }) : d));
  const updates = (doc.updates ?? []).map((u) => (mine(u) && u.note !== '' ? (erased++, { ...u, note: '' }) : u));
  const actions = (doc.actions ?? []).map((a) => (mine(a) && a.description !== '' ? (erased++, { ...a, description: '' }) : a));
  return { document: { ...doc, decisions, updates, actions }, erased };
}
