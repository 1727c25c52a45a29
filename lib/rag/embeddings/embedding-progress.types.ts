/** Progress of a long embedding run, emitted after each batch. */
export interface EmbeddingProgressEvent {
  readonly type: 'progress';
  /** Batches done so far (in completion order) and in total. */
  readonly completedBatches: number;
  readonly totalBatches: number;
  /** Texts embedded so far and in total. */
  readonly completedTexts: number;
  readonly totalTexts: number;
  /** Input tokens the model reported so far. */
  readonly inputTokens: number;
}

/** The last event of a run: every vector, in the order of the input texts. */
export interface EmbeddingDoneEvent {
  readonly type: 'done';
  readonly embeddings: readonly (readonly number[])[];
  readonly inputTokens: number;
}

/** What `EmbeddingService.embedWithProgress` emits. */
export type EmbeddingRunEvent = EmbeddingProgressEvent | EmbeddingDoneEvent;
