/** Progress of an ingestion: chunks embedded so far out of all of them. */
export interface IngestProgressEvent {
  readonly type: 'progress';
  readonly embeddedChunks: number;
  readonly totalChunks: number;
}

/** The ingestion is over: every chunk is in the vector store. */
export interface IngestDoneEvent {
  readonly type: 'done';
  readonly files: number;
  readonly chunks: number;
}

/** What `DocsIngestService.ingest()` emits: progress events, then one `done`. */
export type IngestEvent = IngestProgressEvent | IngestDoneEvent;
