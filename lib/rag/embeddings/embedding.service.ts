import { Injectable } from '@nestjs/common';
import { concat, defer, from, last, lastValueFrom, mergeMap, Observable, of, scan } from 'rxjs';
import { InvalidResponseError } from '../../core/errors/invalid-response.error';
import type { EmbedOptions } from '../../chat/chat-options.types';
import { ChatService } from '../../chat/chat.service';
import { DEFAULT_MODEL_ALIAS } from '../../conduit.constants';
import { ModelRegistry } from '../../models/model-registry';
import type { Document, VectorRecord } from '../document.types';
import type { EmbeddingProgressEvent, EmbeddingRunEvent } from './embedding-progress.types';

/** Options of `EmbeddingService` runs. */
export interface EmbeddingRunOptions extends EmbedOptions {
  /** Texts per call. Default (and upper bound): the model's `maxBatchSize`. */
  readonly batchSize?: number;
  /** Calls in flight at once. Default 4. */
  readonly concurrency?: number;
}

interface BatchResult {
  readonly index: number;
  readonly embeddings: readonly (readonly number[])[];
  readonly inputTokens: number;
}

/**
 * Embeds many texts with a configured embedding model: cut into batches of the model's
 * `maxBatchSize` (or less), a bounded number of calls at once, each through `ChatService.embed`,
 * so the interceptor chain (retries, rate limits, cache, cost) applies to every batch.
 *
 * @example
 * embeddings.embedWithProgress(texts).subscribe((event) => event.type === 'progress' && bar.update(event.completedTexts));
 */
@Injectable()
export class EmbeddingService {
  constructor(
    private readonly chat: ChatService,
    private readonly models: ModelRegistry,
  ) {}

  /** Every vector, in input order. */
  async embedMany(
    texts: readonly string[],
    options: EmbeddingRunOptions = {},
  ): Promise<number[][]> {
    const done = await lastValueFrom(this.embedWithProgress(texts, options).pipe(last()));
    return done.type === 'done' ? done.embeddings.map((vector) => [...vector]) : [];
  }

  /** The vector of one query text. */
  async embedQuery(text: string, options: EmbedOptions = {}): Promise<number[]> {
    const [vector] = await this.embedMany([text], options);
    return vector ?? [];
  }

  /** Documents with their vectors, ready for `VectorStore.add`. */
  async embedDocuments(
    documents: readonly Document[],
    options: EmbeddingRunOptions = {},
  ): Promise<VectorRecord[]> {
    const vectors = await this.embedMany(
      documents.map((document) => document.content),
      options,
    );
    return documents.map((document, index) => ({ ...document, vector: vectors[index] ?? [] }));
  }

  /**
   * Progress events after each batch, then one `done` event with every vector in input order.
   * Nothing is sent until subscription; unsubscribing aborts the calls in flight.
   */
  embedWithProgress(
    texts: readonly string[],
    options: EmbeddingRunOptions = {},
  ): Observable<EmbeddingRunEvent> {
    return defer(() => {
      const { batchSize, concurrency, ...embedOptions } = options;
      const model = this.models.getEmbeddingModel(options.model ?? DEFAULT_MODEL_ALIAS);
      const size = Math.max(1, Math.min(batchSize ?? model.maxBatchSize, model.maxBatchSize));
      const batches: string[][] = [];
      for (let i = 0; i < texts.length; i += size) batches.push(texts.slice(i, i + size));
      const results: BatchResult[] = [];
      const progress$ = from(batches.map((batch, index) => ({ batch, index }))).pipe(
        mergeMap(
          ({ batch, index }) =>
            new Observable<BatchResult>((subscriber) => {
              const controller = new AbortController();
              const signal =
                embedOptions.signal === undefined
                  ? controller.signal
                  : AbortSignal.any([embedOptions.signal, controller.signal]);
              this.chat.embed(batch, { ...embedOptions, signal }).then(
                (response) => {
                  if (response.embeddings.length !== batch.length) {
                    subscriber.error(
                      new InvalidResponseError(
                        `the embedding model returned ${response.embeddings.length} vectors for ${batch.length} texts`,
                        { provider: model.info().provider },
                      ),
                    );
                    return;
                  }
                  subscriber.next({
                    index,
                    embeddings: response.embeddings,
                    inputTokens: response.usage.inputTokens,
                  });
                  subscriber.complete();
                },
                (error: unknown) => subscriber.error(error),
              );
              return () => controller.abort();
            }),
          Math.max(1, concurrency ?? 4),
        ),
        scan(
          (state: EmbeddingProgressEvent, result: BatchResult) => {
            results.push(result);
            return {
              ...state,
              completedBatches: state.completedBatches + 1,
              completedTexts: state.completedTexts + result.embeddings.length,
              inputTokens: state.inputTokens + result.inputTokens,
            };
          },
          {
            type: 'progress',
            completedBatches: 0,
            totalBatches: batches.length,
            completedTexts: 0,
            totalTexts: texts.length,
            inputTokens: 0,
          },
        ),
      );
      const done$ = defer(() => {
        const ordered = [...results].sort((a, b) => a.index - b.index);
        return of<EmbeddingRunEvent>({
          type: 'done',
          embeddings: ordered.flatMap((result) => result.embeddings),
          inputTokens: ordered.reduce((sum, result) => sum + result.inputTokens, 0),
        });
      });
      return concat(progress$, done$);
    });
  }
}
