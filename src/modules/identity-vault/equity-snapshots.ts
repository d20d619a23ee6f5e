import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock/clock';
import { localYearMonth, startOfLocalDay } from '../../common/clock/time-zone';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { TableService } from '../tables/table.service';
import { quartersOf, QuarterOfYear } from './equity';
import { EquityRepository, EquitySnapshotRow } from './equity.repository';

export type { EquitySnapshotRow } from './equity.repository';

/** A year's equity counts at some tables: every quarter's snapshot once the year's last quarter is frozen, else none yet. */
export interface FrozenYear {
  /** when the year's last quarter freezes (its end plus the freeze lag, local time) */
  availableFrom: Date;
  /** the freeze lag in force (EQUITY_FREEZE_LAG_DAYS) */
  lagDays: number;
  /** the four quarters of every table asked, or null before `availableFrom` */
  snapshots: EquitySnapshotRow[] | null;
}

/**
 * The equity counts of ended quarters, frozen (docs/evaluation.md 6.6 and R9): a quarter's
 * snapshot is taken once its end plus EQUITY_FREEZE_LAG_DAYS has passed, by the daily job or by the
 * first read after it, whichever comes first, and never changes after. A figure that moved every day
 * would let someone who knows which situation closed today read its answers from the change.
 *
 * A year is published whole: its quarters and itself from one disclosure unit built once all four are
 * frozen, so that unit's figures and protection never change after (a quarter published alone, then
 * again beside the next, could be withheld by one unit and published by the other).
 */
@Injectable()
export class EquitySnapshotService {
  private readonly logger = new Logger('EquitySnapshots');

  constructor(
    private readonly repo: EquityRepository,
    private readonly tables: TableService,
    private readonly db: DataSource,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** When a quarter's counts freeze: the first local day after its end, plus the lag. */
  freezesAt(q: QuarterOfYear, timeZone: string): Date {
    const year = Number(q.quarter.slice(0, 4));
    return startOfLocalDay(year, q.firstMonth + 3, 1 + this.config.equityFreezeLagDays, timeZone);
  }

  /**
   * A year's snapshots at the tables (which share `timeZone`: one table, or a region's members): the
   * quarters due and not yet frozen are frozen first, then the year is read once its last quarter is.
   */
  async year(tableIds: readonly string[], year: number, timeZone: string): Promise<FrozenYear> {
    const now = this.clock.now();
    const quarters = quartersOf(year);
    const availableFrom = this.freezesAt(quarters[3], timeZone);
    const rows = await this.frozen(tableIds, quarters, timeZone, now);
    // published once every quarter of every table is frozen (so a lag raised later does not take back a year published)
    return { availableFrom, lagDays: this.config.equityFreezeLagDays, snapshots: rows.length === tableIds.length * quarters.length ? rows : null };
  }

  /** The job: every table's due quarters of this year and the two before (the longest lag reaches a year and a day), frozen once; how many it froze. */
  async freezeAllDue(): Promise<number> {
    const now = this.clock.now();
    let frozen = 0;
    for (const id of await this.tables.ids()) {
      const timeZone = await this.tables.timeZoneOf(id);
      const { year } = localYearMonth(now, timeZone);
      frozen += (await this.frozen([id], [...quartersOf(year - 2), ...quartersOf(year - 1), ...quartersOf(year)], timeZone, now, true)).length;
    }
    return frozen;
  }

  /**
   * The snapshots of the quarters at the tables: those frozen already (whatever the lag is now), and
   * those due and not yet frozen, frozen first (their counts are read only then). `onlyNew`: the ones
   * this call froze.
   */
  private async frozen(tableIds: readonly string[], quarters: readonly QuarterOfYear[], timeZone: string, now: Date, onlyNew = false): Promise<EquitySnapshotRow[]> {
    const codes = quarters.map((q) => q.quarter);
    const rows = await this.repo.snapshots(this.db, tableIds, codes);
    const have = new Set(rows.map((r) => `${r.tableId}|${r.quarter}`));
    const due = quarters.filter((q) => now.getTime() >= this.freezesAt(q, timeZone).getTime());
    const missing = tableIds.flatMap((id) => due.filter((q) => !have.has(`${id}|${q.quarter}`)).map((q) => ({ id, q })));
    for (const { id, q } of missing) {
      const year = Number(q.quarter.slice(0, 4));
      await this.repo.freeze(this.db, id, q.quarter, startOfLocalDay(year, q.firstMonth, 1, timeZone), startOfLocalDay(year, q.firstMonth + 3, 1, timeZone), q.months, now);
    }
    if (missing.length === 0) return onlyNew ? [] : rows;
    this.logger.log({ event: 'equity.frozen', quarters: missing.length }, 'equity quarters frozen');
    const all = await this.repo.snapshots(this.db, tableIds, codes);
    return onlyNew ? all.filter((r) => !have.has(`${r.tableId}|${r.quarter}`)) : all;
  }
}
