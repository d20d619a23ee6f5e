import { RETENTION_BOUNDS, TableView } from './table.dto';
import { SituationTableEntity } from './table.entity';

export const mapTable = (t: SituationTableEntity): TableView => ({
  id: t.id,
  name: t.name,
  code: t.code,
  region: t.region,
  thresholdPolicy: {
    minRiskFactors: t.minRiskFactors,
    minCategories: t.minCategories,
    minSectors: t.minSectors,
    minConfirmed: t.minConfirmed,
  },
  identityRetentionDays: t.identityRetentionDays,
  deferralLimitDays: t.deferralLimitDays,
  reopenLimitDays: t.reopenLimitDays,
  accessReviewDays: t.accessReviewDays,
  dormancyFlagDays: t.dormancyFlagDays,
  dormancyCloseDays: t.dormancyCloseDays,
  retentionBounds: RETENTION_BOUNDS,
  timeZone: t.timeZone,
  equityContactTitle: t.equityContactTitle ?? null,
  equityContactEmail: t.equityContactEmail ?? null,
  createdAt: t.createdAt.toISOString(),
});

/** A reference prefix from the name when none is given: its letters, upper case, up to 8. */
export function codeFromName(name: string): string {
  const letters = name
    .normalize('NFD')
    .replace(/[^A-Za-z0-9 ]/g, '')
    .split(/\s+/)
    .filter(Boolean);
  const first = (letters[0] ?? 'TABLE').toUpperCase().replace(/^[0-9]+/, '');
  return (first.length >= 2 ? first : `T${first}X`).slice(0, 8);
}
