import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap, type Schemas } from '../../api/client';
import { useSession } from '../../auth/session';

export type AnomalyCase = Schemas['AnomalyCaseView'];
export type AnomalyCaseDetail = Schemas['AnomalyCaseDetailView'];
export type Breach = Schemas['BreachView'];
export type BreachDetail = Schemas['BreachDetailView'];
export type Thresholds = Schemas['AnomalyThresholdsView'];
export type CaseOutcome = Schemas['CloseCaseDto']['outcome'];
export type BreachKind = Schemas['RecordBreachDto']['kind'];
export type BreachOutcome = Schemas['CloseBreachDto']['outcome'];
export type NotificationMethod = NonNullable<Schemas['BreachNotificationsDto']['personsNotificationMethod']>;

export const CASE_OUTCOMES: readonly CaseOutcome[] = ['NO_ISSUE', 'TRAINING', 'ACCESS_REMOVED', 'BREACH_SUSPECTED'];
export const BREACH_KINDS: readonly BreachKind[] = ['THEFT', 'LOSS', 'UNAUTHORIZED_ACCESS', 'UNAUTHORIZED_DISCLOSURE', 'MISDIRECTED', 'OTHER'];
export const BREACH_OUTCOMES: readonly BreachOutcome[] = ['CONFIRMED', 'NOT_A_BREACH'];
export const METHODS: readonly NotificationMethod[] = ['MAIL', 'PHONE', 'IN_PERSON', 'EMAIL', 'INDIRECT'];
export const THRESHOLD_FIELDS = ['maxReadsPerHour', 'officeStartHour', 'officeEndHour', 'closedDays', 'maxRefusals', 'maxGuesses'] as const;

export const casesKey = (tableId: string | null) => ['anomaly-cases', tableId] as const;
export const caseKey = (tableId: string | null, id: string) => ['anomaly-case', tableId, id] as const;
export const breachesKey = (tableId: string | null) => ['breaches', tableId] as const;
export const breachKey = (tableId: string | null, id: string) => ['breach', tableId, id] as const;

/** The table's anomaly cases (newest first, first 200), filtered; each read is audited. */
export function useCases(tableId: string | null, filter: { status?: 'OPEN' | 'CLOSED'; kind?: string }) {
  return useQuery({
    queryKey: [...casesKey(tableId), filter],
    enabled: !!tableId,
    staleTime: Infinity,
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/tables/{tableId}/anomaly-cases', {
          params: {
            path: { tableId: tableId! },
            query: { limit: 200, ...(filter.status ? { status: filter.status } : {}), ...(filter.kind ? { kind: filter.kind as never } : {}) },
          },
        }),
      ),
  });
}

export function useCase(tableId: string | null, id: string) {
  return useQuery({
    queryKey: caseKey(tableId, id),
    enabled: !!tableId,
    staleTime: Infinity,
    queryFn: () => unwrap(api.GET('/api/v1/tables/{tableId}/anomaly-cases/{caseId}', { params: { path: { tableId: tableId!, caseId: id } } })),
  });
}

/** The breach log (newest record first, first 200); each read is audited. */
export function useBreaches(tableId: string | null, status?: 'OPEN' | 'CLOSED') {
  return useQuery({
    queryKey: [...breachesKey(tableId), status ?? null],
    enabled: !!tableId,
    staleTime: Infinity,
    queryFn: () => unwrap(api.GET('/api/v1/tables/{tableId}/breaches', { params: { path: { tableId: tableId! }, query: { limit: 200, ...(status ? { status } : {}) } } })),
  });
}

export function useBreach(tableId: string | null, id: string) {
  return useQuery({
    queryKey: breachKey(tableId, id),
    enabled: !!tableId,
    staleTime: Infinity,
    queryFn: () => unwrap(api.GET('/api/v1/tables/{tableId}/breaches/{breachId}', { params: { path: { tableId: tableId!, breachId: id } } })),
  });
}

export function useThresholds(tableId: string | null) {
  return useQuery({
    queryKey: ['anomaly-thresholds', tableId],
    enabled: !!tableId,
    staleTime: Infinity,
    queryFn: () => unwrap(api.GET('/api/v1/tables/{tableId}/audit/anomaly-thresholds', { params: { path: { tableId: tableId! } } })),
  });
}

/** A `datetime-local` value (local time) as an ISO instant; empty stays empty. */
export function localToIso(value: string): string {
  return value ? new Date(value).toISOString() : '';
}

/**
 * Sends a write on one record with its version (If-Match), then shows the record the server
 * answered and refreshes its list: the case and breach pages' forms share it.
 */
export function useVersionedWrite<T extends { id: string; version: number }>(
  record: T,
  detailKey: (tableId: string | null, id: string) => readonly unknown[],
  listKey: (tableId: string | null) => readonly unknown[],
) {
  const { tableId } = useSession();
  const queryClient = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  async function run(call: (header: { 'If-Match': string }) => Promise<T>): Promise<boolean> {
    setBusy(true);
    setError(null);
    try {
      const next = await call({ 'If-Match': String(record.version) });
      queryClient.setQueryData(detailKey(tableId, record.id), next);
      void queryClient.invalidateQueries({ queryKey: listKey(tableId) });
      return true;
    } catch (err) {
      setError(err);
      return false;
    } finally {
      setBusy(false);
    }
  }
  return { tableId: tableId!, error, busy, run };
}
