/** Evals: `describeEval` / `runEval`, the scorers and the report types (part of `nestjs-conduit/testing`). */
export { describeEval } from './describe-eval';
export { runEval } from './run-eval';
export { EvalFailedError } from './eval-failed.error';
export { formatEvalMarkdown, formatEvalSummary } from './eval-report-files';
export { defineScorer } from './scorers/define-scorer';
export { exactMatch, includes, regex, type TextScorerOptions } from './scorers/text.scorers';
export { jsonSchema } from './scorers/schema.scorers';
export { toolCalled, noToolCalled } from './scorers/tool.scorers';
export { latency, cost } from './scorers/budget.scorers';
export {
  embeddingSimilarity,
  cosineSimilarity,
  type EmbeddingSimilarityOptions,
} from './scorers/embedding-similarity.scorer';
export { llmJudge, type LlmJudgeOptions } from './scorers/llm-judge.scorer';
export { faithfulness, type FaithfulnessOptions } from './scorers/faithfulness.scorer';
export type { JudgeModelOptions } from './scorers/judge-chat';
export type {
  EvalBaselineComparison,
  EvalCase,
  EvalCaseResult,
  EvalModuleSource,
  EvalOptions,
  EvalReport,
  EvalReportOptions,
  EvalScorer,
  EvalScorerSummary,
  EvalTarget,
  EvalTaskContext,
  EvalToolCall,
  NamedScorer,
  Score,
  Scorer,
  ScorerContext,
} from './eval.types';
