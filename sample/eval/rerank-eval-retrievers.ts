import { NestFactory } from '@nestjs/core';
import {
  ChatService,
  ConduitModule,
  HybridRetriever,
  LlmReranker,
  type ChatRequest,
  type Document,
  type DocumentRetriever,
  type HybridRetrieverOptions,
} from 'nestjs-conduit';
import { MockChatModel, MockResponses } from 'nestjs-conduit/testing';
import type { RagEvalRetrieverFactory } from './rag-eval-retrievers';

/** Words too common to say anything about relevance. */
const STOP = new Set(
  'the and for are but not you your with this that from how what when which who why does can into about have has was were will its use used using'.split(
    ' ',
  ),
);

/** The question's or a passage's words, lowercased, crudely stemmed (plural, -ing, -ed). */
function terms(text: string): Set<string> {
  const words = text.toLowerCase().match(/\p{L}[\p{L}\p{N}]+/gu) ?? [];
  return new Set(
    words
      .filter((word) => word.length >= 3 && !STOP.has(word))
      .map((word) => word.replace(/(ing|ed|es|s)$/u, '')),
  );
}

/**
 * The scripted judge of the rerank row: a `MockChatModel` that reads `LlmReranker`'s prompt and
 * scores each passage 0-10 by the share of the question's words it contains. A stand-in that
 * exercises the whole rerank path (prompt, structured output, merge) offline; it knows nothing of
 * the relevance labels, and a real model judges meaning, not words.
 */
export function scriptedJudge(): MockChatModel {
  return new MockChatModel({
    respond: (request: ChatRequest) => {
      const last = request.messages[request.messages.length - 1];
      const prompt = typeof last?.content === 'string' ? last.content : '';
      const question = terms(/^Question: (.*)$/mu.exec(prompt)?.[1] ?? '');
      const passages = prompt.split(/^\[(\d+)\]$/mu);
      const scores: { id: number; score: number }[] = [];
      for (let i = 1; i + 1 < passages.length; i += 2) {
        const words = terms(passages[i + 1]);
        let found = 0;
        for (const term of question) if (words.has(term)) found++;
        scores.push({
          id: Number(passages[i]),
          score: question.size === 0 ? 0 : (10 * found) / question.size,
        });
      }
      return MockResponses.text(JSON.stringify({ scores }));
    },
  });
}

/**
 * The rerank row: the sample's hybrid asked for 20 candidates, reranked by `LlmReranker` over the
 * scripted judge down to the evaluated k.
 */
export function rerankEvalRetrievers(
  hybrid: (chunks: readonly Document[]) => Promise<HybridRetriever>,
  settings: Pick<HybridRetrieverOptions, 'fusion' | 'weights'>,
): RagEvalRetrieverFactory[] {
  return [
    {
      name: `hybrid ${settings.fusion} [${(settings.weights ?? []).join(', ')}] + LlmReranker over 20 (scripted judge: word overlap)`,
      build: async (chunks): Promise<DocumentRetriever> => {
        const app = await NestFactory.createApplicationContext(
          ConduitModule.forRoot({ models: { default: scriptedJudge() }, retry: false }),
          { logger: false },
        );
        const reranker = new LlmReranker(app.get(ChatService));
        const retriever = await hybrid(chunks);
        return {
          retrieve: (query, options = {}) =>
            retriever.retrieve(query, {
              ...options,
              k: 20,
              rerank: { reranker, topN: options.k ?? 5 },
            }),
        };
      },
    },
  ];
}
