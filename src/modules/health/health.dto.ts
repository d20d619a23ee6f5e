import { ApiProperty, ApiPropertyOptional, SchemaObject } from '@nestjs/swagger';

export class HealthStatusView {
  @ApiProperty({ enum: ['ok'] }) status: 'ok';
}

/** One check of /health/ready: `up` or `down`, with what the check adds (applied, pending, reason). */
export class HealthIndicatorView {
  @ApiProperty({ enum: ['up', 'down'] }) status: string;
}

const INDICATORS: { type: 'object'; additionalProperties: SchemaObject } = {
  type: 'object',
  additionalProperties: { type: 'object', required: ['status'], properties: { status: { type: 'string', enum: ['up', 'down'] } }, additionalProperties: true },
};

/** The readiness report (@nestjs/terminus): `database` and `migrations`. */
export class ReadinessView {
  @ApiProperty({ enum: ['ok', 'error', 'shutting_down'] }) status: string;
  @ApiPropertyOptional({ ...INDICATORS, description: 'the checks that are up' }) info?: Record<string, HealthIndicatorView>;
  @ApiPropertyOptional({ ...INDICATORS, description: 'the checks that are down' }) error?: Record<string, HealthIndicatorView>;
  @ApiProperty({ ...INDICATORS, description: 'every check' }) details: Record<string, HealthIndicatorView>;
}
