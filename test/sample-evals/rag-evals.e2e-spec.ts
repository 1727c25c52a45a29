import { Test } from '@nestjs/testing';
import type { RagAnswer } from 'nestjs-conduit';
import {
  describeEval,
  faithfulness,
  llmJudge,
  type EvalScorer,
  type Score,
  type ScorerContext,
} from 'nestjs-conduit/testing';
import { lastValueFrom } from 'rxjs';
import { AppModule } from '../../sample/app.module';
import { DocsIngestService } from '../../sample/rag/docs-ingest.service';
import { DocsQaService } from '../../sample/rag/docs-qa.service';
import { REPO_DOCS } from '../../sample/rag/rag.controller';
import { sampleEvalEnv, usesRealModel } from './sample-eval-env';

/** Questions on the repository's docs and the page that answers each (what only that page has). */
const CASES: readonly { input: string; expected: string }[] = [
  {
    input: 'Which options does RateLimitInterceptor take: requestsPerMinute, onLimit, maxWaitMs?',
    expected: 'interceptors.md',
  },
  {
    input: 'How do I replace a model with MockChatModel and overrideProvider in a test?',
    expected: 'testing.md',
  },
  {
    input:
      'How does generateObject validate a class-validator DTO and ask the model to correct it?',
    expected: 'structured-output.md',
  },
  { input: 'How do I connect to an MCP server with ConduitMcpModule?', expected: 'mcp.md' },
  {
    input: 'What does the circuit breaker do when a provider keeps failing?',
    expected: 'resilience.md',
  },
];

const sourceOf = (answer: RagAnswer, index: number): unknown =>
  answer.sources[index]?.document.metadata.source;

/** A custom scorer: the page that answers the question is among the retrieved sources (recall@k). */
function sourceRetrieved({ output, expected }: ScorerContext<string, RagAnswer, string>): Score {
  const sources = output.sources.map((_, index) => sourceOf(output, index));
  return sources.includes(expected)
    ? { score: 1 }
    : { score: 0, reason: `${expected} not in ${sources.join(', ')}` };
}

/** A custom scorer: the answer cites that page (the demo model quotes its best passage's page). */
function citesSource({ output, expected }: ScorerContext<string, RagAnswer, string>): Score {
  return expected !== undefined && output.answer.includes(expected)
    ? { score: 1 }
    : {
        score: 0,
        reason: `the answer does not name ${expected} (best source: ${String(sourceOf(output, 0))})`,
      };
}

const env = sampleEvalEnv();
const scorers: EvalScorer<string, RagAnswer, string>[] = [sourceRetrieved];
if (usesRealModel(env)) {
  // A real model answers in its own words: check them against the sources instead.
  scorers.push(
    faithfulness({ passAt: 0.8 }),
    llmJudge({
      rubric: 'The answer addresses the question directly and cites its source passages.',
    }),
  );
} else {
  scorers.push(citesSource);
}

// The RAG service of the sample over its docs index, filled once before the cases run. No
// baseline: the docs change with the library, and the ranking with them; the threshold holds.
describeEval('sample RAG: docs questions', {
  module: async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [AppModule.forRoot(env)],
    }).compile();
    await moduleRef.init();
    await lastValueFrom(moduleRef.get(DocsIngestService, { strict: false }).ingest(REPO_DOCS));
    return moduleRef;
  },
  data: CASES,
  task: (question, { get }) => get(DocsQaService).ask(question),
  scorers,
  threshold: 0.6,
  timeoutMs: 30_000,
});
