import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { DataSource } from 'typeorm';
import { Public } from '../../common/authz/access-rule';
import { MIGRATIONS } from '../../../migrations';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly typeorm: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    private readonly dataSource: DataSource,
  ) {}

  /** The process is up. */
  @Get('live')
  @Public()
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** One round trip to the database through the whole stack: the benchmark's framework + database floor. */
  @Get('db')
  @Public()
  async db(): Promise<{ status: 'ok' }> {
    await this.dataSource.query('SELECT 1');
    return { status: 'ok' };
  }

  /** The database answers within 1.5 s and every migration this build knows is applied. */
  @Get('ready')
  @Public()
  @HealthCheck()
  ready() {
    return this.health.check([() => this.typeorm.pingCheck('database').withTimeout(1500), () => this.migrations()]);
  }

  private async migrations() {
    const indicator = this.indicators.check('migrations');
    try {
      const rows: { name: string }[] = await this.dataSource.query('SELECT name FROM migrations');
      const applied = new Set(rows.map((r) => r.name));
      const pending = MIGRATIONS.map((m) => m.name).filter((n) => !applied.has(n));
      return pending.length === 0 ? indicator.up({ applied: applied.size }) : indicator.down({ pending: pending.length });
    } catch {
      return indicator.down({ reason: 'unreachable' });
    }
  }
}
