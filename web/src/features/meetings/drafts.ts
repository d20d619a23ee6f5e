/**
 * What the coordinator typed on the board, per situation, in memory only (never in storage: the
 * board is used live and the text is about a person). It outlives the panel that shows it, a
 * refusal of the server (409 when another coordinator acted first, 400, 422) and a re-sign-in.
 */
export interface BoardDraft {
  outcome: '' | 'AER' | 'NOT_AER' | 'DEFERRED';
  rationale: string;
  informationNeeded: string;
  leadAgencyId: string;
  assistingAgencyIds: string[];
  conclusion: string;
  consentStatus: string;
  closureNote: string;
  updateNote: string;
  /** the mobilisation's time as typed (datetime-local); '' while left at its default, "now" */
  mobilizedAt: string;
  services: string[];
}

export const emptyDraft = (): BoardDraft => ({
  outcome: '',
  rationale: '',
  informationNeeded: '',
  leadAgencyId: '',
  assistingAgencyIds: [],
  conclusion: '',
  consentStatus: '',
  closureNote: '',
  updateNote: '',
  mobilizedAt: '',
  services: [],
});

export class BoardDrafts {
  private readonly drafts = new Map<string, BoardDraft>();

  of(situationId: string): BoardDraft {
    let d = this.drafts.get(situationId);
    if (!d) {
      d = emptyDraft();
      this.drafts.set(situationId, d);
    }
    return d;
  }
}
