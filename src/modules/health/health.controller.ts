import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '../../common/authz/access-rule';
import { HealthStatusView, ReadinessView } from './health.dto';
import { HealthService } from './health.service';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly typeorm: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    private readonly service: HealthService,
  ) {}

  /** The process is up. */
  @Get('live')
  @Public()
  @ApiOkResponse({ type: HealthStatusView })
  live(): HealthStatusView {
    return { status: 'ok' };
  }

  /** One round trip to the database through the whole stack: the benchmark's framework + database floor. */
  @Get('db')
  @Public()
  @ApiOkResponse({ type: HealthStatusView })
  async db(): Promise<HealthStatusView> {
    await this.service.ping();
    return { status: 'ok' };
  }

  /** The database answers within 1.5 s and every migration this build knows is applied. */
  @Get('ready')
  @Public()
  @HealthCheck()
  @ApiOkResponse({ type: ReadinessView })
  ready() {
    return this.health.check([() => this.typeorm.pingCheck('database').withTimeout(1500), () => this.migrations()]);
  }

  private async migrations() {
    const indicator = this.indicators.check('migrations');
    try {
      const { applied, pending } = await this.service.migrations();
      return pending === 0 ? indicator.up({ applied }) : indicator.down({ pending });
    } catch {
      return indicator.down({ reason: 'unreachable' });
    }
  }
}
