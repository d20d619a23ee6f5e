import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ThresholdPolicy } from './domain/threshold';

const TTL_MS = 10_000;

/**
 * A table's threshold policy, cached for 10 s: read on every situation view, changed rarely (and
 * only advisory: a policy change shows within seconds). Transitions read it fresh in their
 * transaction instead.
 */
@Injectable()
export class TablePolicyCache {
  private readonly cache = new Map<string, { policy: ThresholdPolicy; until: number }>();

  constructor(private readonly db: DataSource) {}

  async of(tableId: string): Promise<ThresholdPolicy> {
    const hit = this.cache.get(tableId);
    if (hit && hit.until > Date.now()) return hit.policy;
    const rows: ThresholdPolicy[] = await this.db.query(
      `SELECT min_risk_factors AS "minRiskFactors", min_categories AS "minCategories", min_sectors AS "minSectors", min_confirmed AS "minConfirmed"
       FROM situation_tables WHERE id = $1`,
      [tableId],
    );
    if (!rows[0]) throw new Error('table without policy');
    this.cache.set(tableId, { policy: rows[0], until: Date.now() + TTL_MS });
    return rows[0];
  }

  forget(tableId: string): void {
    this.cache.delete(tableId);
  }
}
