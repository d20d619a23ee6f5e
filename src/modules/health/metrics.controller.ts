import { Controller, Get, Headers, Inject, Res } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { timingSafeEqual } from 'node:crypto';
import { Public } from '../../common/authz/access-rule';
import { DomainError } from '../../common/errors/domain-error';
import { ErrorCode } from '../../common/errors/error-codes';
import { Metrics } from '../../common/observability/metrics';
import { APP_CONFIG, AppConfig } from '../../config/app-config';

/**
 * Prometheus metrics at `/metrics` (outside /api/v1), for a scraper holding METRICS_TOKEN as a
 * bearer token. Without METRICS_TOKEN the route does not exist (404): nothing is exposed by default.
 */
@ApiTags('health')
@Controller('metrics')
export class MetricsController {
  private readonly token: Buffer | null;

  constructor(
    private readonly metrics: Metrics,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.token = config.metricsToken ? Buffer.from(`Bearer ${config.metricsToken}`) : null;
  }

  @Get()
  @Public()
  @ApiHeader({ name: 'Authorization', required: true, description: 'Bearer METRICS_TOKEN (404 when the server has none)' })
  @ApiOkResponse({ description: 'Prometheus text exposition format', content: { 'text/plain': { schema: { type: 'string' } } } })
  async scrape(@Headers('authorization') authorization: string | undefined, @Res() reply: FastifyReply): Promise<void> {
    if (!this.token) throw DomainError.notFound();
    const given = Buffer.from(authorization ?? '');
    if (given.length !== this.token.length || !timingSafeEqual(given, this.token)) throw new DomainError(ErrorCode.UNAUTHENTICATED);
    await reply.header('content-type', this.metrics.contentType).send(await this.metrics.text());
  }
}
