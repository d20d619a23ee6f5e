import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Schemas } from './client';
import type { paths } from './schema';

export type Situation = Schemas['SituationView'];
export type TableAgency = Schemas['TableAgencyView'];
export type Meeting = Schemas['MeetingView'];
/** GET /taxonomy's answer (reference data, labels in the request's language). */
export type Taxonomy = Schemas['TaxonomyView'];
type Coded = Schemas['CodedLabel'];

/**
 * Narrows a reference code (the taxonomy answers plain strings) to the enum a request expects:
 * the code itself when it is one of `allowed`, otherwise undefined.
 */
export function codeIn<C extends string>(allowed: readonly C[], code: string | null | undefined): C | undefined {
  return code != null && (allowed as readonly string[]).includes(code) ? (code as C) : undefined;
}

/**
 * Screens used by several people at once (the meeting board, triage) read their data again every
 * LIVE_MS while the tab is visible (paused when hidden: TanStack Query skips an interval while the
 * document is hidden, and the app does not refetch on focus, so no burst on return). Polling, not
 * a push channel: any replica answers, nothing to fan out between replicas (README, web section).
 * An answer equal to the last keeps its objects (structural sharing): nothing renders again.
 */
export const LIVE_MS = 8_000;
export const live = { refetchInterval: LIVE_MS, refetchIntervalInBackground: false } as const;

/** Reference data in the current language (labels come localised from the server). */
export function useTaxonomy() {
  const { i18n } = useTranslation();
  return useQuery({
    queryKey: ['taxonomy', i18n.language],
    queryFn: () => unwrap(api.GET('/api/v1/taxonomy')),
    staleTime: Infinity,
  });
}

export function labelOf(list: Coded[] | undefined, code: string | null | undefined): string {
  if (!code) return '';
  return list?.find((i) => i.code === code)?.label ?? code;
}

export function useTableAgencies(tableId: string | null) {
  return useQuery({
    queryKey: ['table-agencies', tableId],
    enabled: !!tableId,
    queryFn: () => unwrap(api.GET('/api/v1/tables/{tableId}/agencies', { params: { path: { tableId: tableId! } } })),
    staleTime: 300_000,
  });
}

type SituationListQuery = NonNullable<paths['/api/v1/tables/{tableId}/situations']['get']['parameters']['query']>;
/** The list's filters (the server filters: involvement is relative to the caller's agency). */
export type SituationFilters = Pick<SituationListQuery, 'involvement' | 'status' | 'overdue' | 'reference'>;
export const SITUATION_PAGE = 100;

/** The table's situations matching `filters`, one page of 100 at a time (fetchNextPage for the next). */
export function useSituationPages(tableId: string | null, filters: SituationFilters) {
  return useInfiniteQuery({
    queryKey: ['situations', tableId, 'pages', filters],
    enabled: !!tableId,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/tables/{tableId}/situations', {
          params: { path: { tableId: tableId! }, query: { ...filters, limit: SITUATION_PAGE, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function useSituation(id: string | undefined) {
  return useQuery({
    queryKey: ['situation', id],
    enabled: !!id,
    queryFn: () => unwrap(api.GET('/api/v1/situations/{id}', { params: { path: { id: id! } } })),
  });
}

/** The table's next meeting: the first open one scheduled from an hour ago on (the server's `upcoming`), whatever the number of meetings before it. */
export function useNextMeeting(tableId: string | null) {
  return useQuery({
    queryKey: ['meetings', tableId, 'next'],
    enabled: !!tableId,
    queryFn: async () =>
      (await unwrap(api.GET('/api/v1/tables/{tableId}/meetings', { params: { path: { tableId: tableId! }, query: { upcoming: true, limit: 1 } } }))).items[0] ?? null,
  });
}

export type Involvement = 'ORIGINATING' | 'LEAD' | 'ASSISTING';

/** How my agency takes part in a situation (several at once are possible). */
export function involvementOf(s: Situation, agencyId: string | null | undefined): Involvement[] {
  if (!agencyId) return [];
  const out: Involvement[] = [];
  if (s.originatingAgencyId === agencyId) out.push('ORIGINATING');
  if (s.leadAgencyId === agencyId) out.push('LEAD');
  if (s.assistingAgencyIds?.includes(agencyId)) out.push('ASSISTING');
  return out;
}

export const CLOCK_HOURS = 48;

/**
 * The 48-hour clock: from the latest assignment (from the decision while not assigned) to the
 * mobilisation. While it runs the server says when it is due (`mobilizationClock`, its one rule:
 * situations/domain/mobilization-clock.ts): `due` with the hours left (negative when overdue).
 * `met`/`missed` once mobilised; none before acceptance, after a refusal or once closed.
 */
export function clockOf(s: Situation, now = Date.now()): { state: 'due' | 'met' | 'missed'; hours: number } | null {
  if (s.mobilizationClock) return { state: 'due', hours: Math.round((Date.parse(s.mobilizationClock.dueAt) - now) / 3_600_000) };
  if (!s.decidedAt || s.decision?.outcome !== 'AER' || !s.mobilizedAt) return null;
  const start = Date.parse(s.lastAssignedAt ?? s.decidedAt);
  const took = (Date.parse(s.mobilizedAt) - start) / 3_600_000;
  return { state: took <= CLOCK_HOURS ? 'met' : 'missed', hours: Math.max(0, Math.round(took)) };
}
