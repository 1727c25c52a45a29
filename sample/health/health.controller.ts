import { Controller, Get } from '@nestjs/common';
import { HealthCheck, HealthCheckService, type HealthCheckResult } from '@nestjs/terminus';
import { ConduitHealthIndicator } from 'nestjs-conduit';

/**
 * `GET /health`: liveness of the models for a load balancer or Kubernetes. Reads the circuit
 * breakers only (no model call, nothing billed); `GET /health/ready` also sends each model a
 * one-token probe, for a readiness check that runs rarely.
 */
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly conduit: ConduitHealthIndicator,
  ) {}

  /** 200 `{ status: 'ok' }` while the default model (or a fallback) can answer, else 503. */
  @Get()
  @HealthCheck()
  check(): Promise<HealthCheckResult> {
    return this.health.check([() => this.conduit.isHealthy('llm')]);
  }

  /** The same with a live one-token call to each model. */
  @Get('ready')
  @HealthCheck()
  ready(): Promise<HealthCheckResult> {
    return this.health.check([() => this.conduit.isHealthy('llm', { probe: true })]);
  }
}
