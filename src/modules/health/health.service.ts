import { Injectable } from '@nestjs/common';
import { MIGRATIONS } from '../../../migrations';
import { HealthRepository } from './health.repository';

/** What the health routes ask of the database. */
@Injectable()
export class HealthService {
  constructor(private readonly repo: HealthRepository) {}

  /** One round trip through the whole stack. */
  ping(): Promise<void> {
    return this.repo.ping();
  }

  /** Migrations this build knows that the database has not applied, and how many it has. */
  async migrations(): Promise<{ applied: number; pending: number }> {
    const applied = await this.repo.appliedMigrations();
    return { applied: applied.size, pending: MIGRATIONS.filter((m) => !applied.has(m.name)).length };
  }
}
