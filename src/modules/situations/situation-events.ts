/** Domain events, emitted after commit for side effects (notifications). The audit never depends on them. */
export const SituationEvents = {
  submitted: 'situation.submitted',
  decided: 'situation.decided',
  deferred: 'situation.deferred',
  edited: 'situation.edited',
  withdrawn: 'situation.withdrawn',
  markedDuplicate: 'situation.marked_duplicate',
  assigned: 'situation.assigned',
  leadAnswered: 'situation.lead_answered',
  mobilized: 'situation.mobilized',
  servicesConnected: 'situation.services_connected',
  updated: 'situation.updated',
  closed: 'situation.closed',
  reopened: 'situation.reopened',
} as const;

export interface SituationEvent {
  situationId: string;
  tableId: string;
  reference: string;
  status: string;
  actorId: string | null;
  /** agencies newly involved (assignment) */
  agencyIds?: string[];
}
