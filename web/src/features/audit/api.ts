import '../../styles/privacy-admin.css';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Schemas } from '../../api/client';
import type { paths } from '../../api/schema';

export type AuditEntry = Schemas['AuditEntryView'];
export type VerifyResult = Schemas['VerifyView'];
export type Anomalies = Schemas['AnomaliesView'];
export type AccessLog = Schemas['AccessLogView'];
export type AuditActor = Schemas['AuditActorView'];
export type SignInEvent = Schemas['SignInEventView'];
/** A code of the taxonomy's access purposes, as the audit filters take it. */
export type PurposeCode = NonNullable<NonNullable<paths['/api/v1/tables/{tableId}/audit']['get']['parameters']['query']>['purposeCode']>;

/** The filters of the audit explorer, as the API takes them (empty ones left out). */
export interface AuditFilters {
  actorId?: string;
  actorAgencyId?: string;
  action?: string;
  outcome?: 'SUCCESS' | 'DENIED';
  situationId?: string;
  purposeCode?: PurposeCode;
  from?: string;
  to?: string;
}

/** The filters of the sign-in history, as the API takes them. */
export interface SignInFilters {
  userId?: string;
  kind?: SignInEvent['kind'];
  from?: string;
  to?: string;
}

/** The kinds of sign-in events (labels in audit.signIn.kind.*). */
export const SIGN_IN_KINDS = ['SIGN_IN', 'SIGN_IN_FAILED', 'LOCKOUT', 'PASSWORD_CHANGED', 'PASSWORD_CHANGE_FAILED', 'PASSWORD_RESET', 'DEACTIVATED', 'SIGN_OUT'] as const;

export const PAGE_SIZE = 25;

/** One keyset page of the table's audit trail (newest first). */
export function useAuditPage(tableId: string | null, filters: AuditFilters, cursor: string | undefined) {
  return useQuery({
    queryKey: ['audit', tableId, filters, cursor ?? null],
    enabled: !!tableId,
    // Every search is itself audited: no background refetch.
    staleTime: Infinity,
    queryFn: () => unwrap(api.GET('/api/v1/tables/{tableId}/audit', { params: { path: { tableId: tableId! }, query: { ...filters, limit: PAGE_SIZE, cursor } } })),
  });
}

/** One keyset page of the sign-in history of the table's users (newest first); each read is audited. */
export function useSignInPage(tableId: string | null, filters: SignInFilters, cursor: string | undefined) {
  return useQuery({
    queryKey: ['sign-in-history', tableId, filters, cursor ?? null],
    enabled: !!tableId,
    staleTime: Infinity,
    queryFn: () => unwrap(api.GET('/api/v1/tables/{tableId}/sign-in-history', { params: { path: { tableId: tableId! }, query: { ...filters, limit: PAGE_SIZE, cursor } } })),
  });
}

/** The table's member agencies (names for ids, the agency filter). */
export function useTableAgencies(tableId: string | null) {
  return useQuery({
    queryKey: ['table-agencies', tableId],
    enabled: !!tableId,
    queryFn: () => unwrap(api.GET('/api/v1/tables/{tableId}/agencies', { params: { path: { tableId: tableId! } } })),
  });
}

/** The people of the table's trail and its role holders (names and agencies), for the actor filter; each read is audited. */
export function useAuditActors(tableId: string | null) {
  return useQuery({
    queryKey: ['audit-actors', tableId],
    enabled: !!tableId,
    staleTime: Infinity,
    queryFn: () => unwrap(api.GET('/api/v1/tables/{tableId}/audit/actors', { params: { path: { tableId: tableId! } } })),
  });
}

/** The table's situations (de-identified: reference for id), first 200. */
export function useTableSituations(tableId: string | null) {
  return useQuery({
    queryKey: ['privacy-situations', tableId],
    enabled: !!tableId,
    queryFn: () => unwrap(api.GET('/api/v1/tables/{tableId}/situations', { params: { path: { tableId: tableId! }, query: { limit: 200 } } })),
  });
}

/** Reference data (access purposes) in the current language. */
export function useAccessPurposes() {
  const { i18n } = useTranslation();
  return useQuery({
    queryKey: ['taxonomy', i18n.language],
    staleTime: Infinity,
    queryFn: () => unwrap(api.GET('/api/v1/taxonomy')),
    select: (t) => t.accessPurposes,
  });
}

/** `yyyy-mm-dd` (a day in the browser's time zone) as the ISO instant of its start. */
export function dayStart(day: string): string {
  return new Date(`${day}T00:00:00`).toISOString();
}
/** The instant after the last moment of `day` (the API's `to` is exclusive). */
export function dayEnd(day: string): string {
  const d = new Date(`${day}T00:00:00`);
  d.setDate(d.getDate() + 1);
  return d.toISOString();
}

/** Saves a Blob under `name` through a temporary link (no data in a URL that outlives the click). */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
