import type { GuardrailStage } from '../core';
import type { GuardrailOutcome } from './guardrail.types';

/** Counts by guardrail, stage and outcome: `counts['PiiRedactionGuardrail']['output']['rewrite']`. */
export type GuardrailCounts = Readonly<
  Record<
    string,
    Readonly<Partial<Record<GuardrailStage, Readonly<Record<GuardrailOutcome, number>>>>>
  >
>;

/**
 * Counters of guardrail decisions. Every guardrail has one (`guardrail.stats`); pass the same
 * instance in several guardrails' `stats` option (or provide it in DI) to read them together,
 * for a health page or a metrics exporter.
 *
 * @example
 * const stats = new GuardrailStats();
 * interceptors: [new PiiRedactionGuardrail({ stats }), new MaxLengthGuardrail({ maxInputChars: 8000, stats })]
 * stats.total('block'); // blocks so far, all guardrails
 */
export class GuardrailStats {
  private readonly counts = new Map<
    string,
    Map<GuardrailStage, Record<GuardrailOutcome, number>>
  >();

  /** Counts one decision. */
  record(guardrail: string, stage: GuardrailStage, outcome: GuardrailOutcome): void {
    let stages = this.counts.get(guardrail);
    if (stages === undefined) {
      stages = new Map();
      this.counts.set(guardrail, stages);
    }
    let outcomes = stages.get(stage);
    if (outcomes === undefined) {
      outcomes = { allow: 0, block: 0, rewrite: 0 };
      stages.set(stage, outcomes);
    }
    outcomes[outcome]++;
  }

  /** Decisions with this outcome, for one guardrail or all. */
  total(outcome: GuardrailOutcome, guardrail?: string): number {
    let sum = 0;
    for (const [name, stages] of this.counts) {
      if (guardrail !== undefined && name !== guardrail) continue;
      for (const outcomes of stages.values()) sum += outcomes[outcome];
    }
    return sum;
  }

  /** A copy of every count. */
  snapshot(): GuardrailCounts {
    const out: Record<
      string,
      Partial<Record<GuardrailStage, Record<GuardrailOutcome, number>>>
    > = {};
    for (const [name, stages] of this.counts) {
      out[name] = {};
      for (const [stage, outcomes] of stages) out[name][stage] = { ...outcomes };
    }
    return out;
  }

  /** Sets every count back to zero. */
  reset(): void {
    this.counts.clear();
  }
}
