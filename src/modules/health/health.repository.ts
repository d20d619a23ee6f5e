import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** The health checks' two questions to the database. */
@Injectable()
export class HealthRepository {
  constructor(private readonly db: DataSource) {}

  /** One round trip through the whole stack. */
  async ping(): Promise<void> {
    await this.db.query('SELECT 1');
  }

  /** Names of the migrations applied to this database. */
  async appliedMigrations(): Promise<Set<string>> {
    const rows: { name: string }[] = await this.db.query('SELECT name FROM migrations');
    return new Set(rows.map((r) => r.name));
  }
}
