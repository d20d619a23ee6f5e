import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/** Whose benchmark: a table's or a region's. */
export interface BenchmarkOwner {
  kind: 'table' | 'region';
  id: string;
}

export interface BenchmarkRow {
  year: number;
  question: string;
  shares: Record<string, number>;
  sourceTitle: string;
  sourcePublisher: string;
  sourceYear: number;
  sourceGeography: string;
  sourcePopulation: string;
  setAt: Date;
}

const KEY: Record<BenchmarkOwner['kind'], string> = { table: 'table_id', region: 'region_id' };
const COLUMNS = `year, question, shares, source_title AS "sourceTitle", source_publisher AS "sourcePublisher", source_year AS "sourceYear",
  source_geography AS "sourceGeography", source_population AS "sourcePopulation", set_at AS "setAt"`;

/** The only code that reads or writes `equity_benchmarks` (docs/evaluation.md 6.7). */
@Injectable()
export class EquityBenchmarkRepository {
  constructor(private readonly db: DataSource) {}

  /** A scope's benchmarks, latest year first. */
  list(owner: BenchmarkOwner): Promise<BenchmarkRow[]> {
    return this.db.query(`SELECT ${COLUMNS} FROM equity_benchmarks WHERE ${KEY[owner.kind]} = $1 ORDER BY year DESC, question`, [owner.id]);
  }

  /** The benchmark in force for a year, per question: that year's, or the latest before it. */
  async inForce(owner: BenchmarkOwner, year: number): Promise<Map<string, BenchmarkRow>> {
    const rows: BenchmarkRow[] = await this.db.query(
      `SELECT DISTINCT ON (question) ${COLUMNS} FROM equity_benchmarks WHERE ${KEY[owner.kind]} = $1 AND year <= $2 ORDER BY question, year DESC`,
      [owner.id, year],
    );
    return new Map(rows.map((r) => [r.question, r]));
  }

  /** Sets a year's benchmark of a question, replacing the one set before (one statement: two at once, the later wins), in the caller's transaction with its audit. */
  async put(m: EntityManager, owner: BenchmarkOwner, row: Omit<BenchmarkRow, 'setAt'>, setBy: string, now: Date): Promise<void> {
    const key = KEY[owner.kind];
    await m.query(
      `INSERT INTO equity_benchmarks (${key}, year, question, shares, source_title, source_publisher, source_year, source_geography, source_population, set_by, set_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (${key}, year, question) WHERE ${key} IS NOT NULL DO UPDATE SET shares = EXCLUDED.shares, source_title = EXCLUDED.source_title,
         source_publisher = EXCLUDED.source_publisher, source_year = EXCLUDED.source_year, source_geography = EXCLUDED.source_geography,
         source_population = EXCLUDED.source_population, set_by = EXCLUDED.set_by, set_at = EXCLUDED.set_at`,
      [owner.id, row.year, row.question, JSON.stringify(row.shares), row.sourceTitle, row.sourcePublisher, row.sourceYear, row.sourceGeography, row.sourcePopulation, setBy, now],
    );
  }
}
