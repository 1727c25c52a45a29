import {
  ConduitMetadataKeys,
  type CallHandler,
  type CallOutput,
  type ConduitCallContext,
  type ConduitInterceptor,
  type CostRecord,
} from 'nestjs-conduit';
import type { Observable } from 'rxjs';

/**
 * A per-run interceptor that keeps the `metadata` of each model call it sees, so the cost the
 * module's `CostTrackingInterceptor` recorded for those calls can be summed once they are over
 * (that interceptor writes it when a call settles, after the inner ones have finished).
 *
 * @example
 * const costs = new CallCostCollector();
 * await agents.run({ prompt, interceptors: [costs] });
 * costs.totalUsd();
 */
export class CallCostCollector implements ConduitInterceptor {
  private readonly calls: Map<string, unknown>[] = [];

  intercept(context: ConduitCallContext, next: CallHandler): Observable<CallOutput> {
    this.calls.push(context.metadata);
    return next.handle();
  }

  /** The cost records of the calls seen so far (calls still running have none yet). */
  records(): CostRecord[] {
    return this.calls.flatMap((metadata) => {
      const record = metadata.get(ConduitMetadataKeys.cost) as CostRecord | undefined;
      return record === undefined ? [] : [record];
    });
  }

  /** US dollars of the calls seen so far. */
  totalUsd(): number {
    return this.records().reduce((sum, record) => sum + record.cost.totalUsd, 0);
  }
}
