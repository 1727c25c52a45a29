import { Module, type DynamicModule } from '@nestjs/common';
import { CostTracker } from 'nestjs-conduit';
import { UsageController } from './usage.controller';

/** `GET /usage`, reading the `CostTracker` the sample's `CostTrackingInterceptor` writes to. */
@Module({})
export class UsageModule {
  /** `costs`: the tracker given to the interceptor (see sampleInterceptors). */
  static forRoot(costs: CostTracker): DynamicModule {
    return {
      module: UsageModule,
      controllers: [UsageController],
      providers: [{ provide: CostTracker, useValue: costs }],
    };
  }
}
