import { Controller, Get } from '@nestjs/common';
import { CostTracker, type CostSummary } from 'nestjs-conduit';

/** What `GET /usage` answers. */
export interface UsageReport {
  readonly total: CostSummary;
  readonly byModel: Record<string, CostSummary>;
}

/** `GET /usage`: the cost tracker's totals since the app started (fed by the interceptors). */
@Controller('usage')
export class UsageController {
  constructor(private readonly costs: CostTracker) {}

  @Get()
  usage(): UsageReport {
    return { total: this.costs.summary(), byModel: this.costs.byModel() };
  }
}
