import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TableService } from '../tables/table.service';
import { ViewPolicy } from './situation.mapper';

const TTL_MS = 10_000;

/**
 * A table's threshold policy and deferral limit, cached for 10 s: read on every situation view, changed rarely (and
 * only advisory: a policy change shows within seconds). Transitions read it fresh in their
 * transaction instead.
 */
@Injectable()
export class TablePolicyCache {
  private readonly cache = new Map<string, { policy: ViewPolicy; until: number }>();

  constructor(
    private readonly db: DataSource,
    private readonly tables: TableService,
  ) {}

  async of(tableId: string): Promise<ViewPolicy> {
    const hit = this.cache.get(tableId);
    if (hit && hit.until > Date.now()) return hit.policy;
    const row = await this.tables.policyOf(this.db, tableId);
    if (!row) throw new Error('table without policy');
    const policy: ViewPolicy = {
      minRiskFactors: row.minRiskFactors,
      minCategories: row.minCategories,
      minSectors: row.minSectors,
      minConfirmed: row.minConfirmed,
      deferralLimitDays: row.deferralLimitDays,
    };
    this.cache.set(tableId, { policy, until: Date.now() + TTL_MS });
    return policy;
  }

  forget(tableId: string): void {
    this.cache.delete(tableId);
  }
}
