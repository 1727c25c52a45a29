import * as path from 'node:path';
import {
  Controller,
  Get,
  HttpCode,
  Logger,
  Post,
  Query,
  Sse,
  type MessageEvent,
} from '@nestjs/common';
import { lastValueFrom, map, tap, type Observable } from 'rxjs';
import { DocsIngestService } from './docs-ingest.service';
import { DocsQaService } from './docs-qa.service';
import { AskQueryDto } from './dto/ask-query.dto';
import type { IngestDoneEvent } from './ingest-event.types';

/** The folder `POST /rag/ingest` reads: this repository's docs/ (the sample runs from the repo). */
export const REPO_DOCS = path.resolve(__dirname, '..', '..', 'docs');

/** One source of an answer: where the passage comes from and how close it was to the question. */
export interface AnswerSource {
  readonly rank: number;
  readonly source: string;
  readonly score: number;
  readonly excerpt: string;
}

/** What `GET /rag/ask` answers. */
export interface RagAskAnswer {
  readonly answer: string;
  readonly sources: readonly AnswerSource[];
}

/**
 * RAG over the repository's docs/: `POST /rag/ingest` (progress in the log, the totals in the
 * answer), `GET /rag/ingest/stream` (the same, progress as SSE frames), `GET /rag/ask?question=`
 * (the answer with its sources and scores).
 */
@Controller('rag')
export class RagController {
  private readonly logger = new Logger('RAG');

  constructor(
    private readonly ingestService: DocsIngestService,
    private readonly qa: DocsQaService,
  ) {}

  @Post('ingest')
  @HttpCode(200)
  async ingest(): Promise<IngestDoneEvent> {
    const done = await lastValueFrom(
      this.ingestService.ingest(REPO_DOCS).pipe(
        tap((event) => {
          if (event.type === 'progress') {
            this.logger.log(`embedded ${event.embeddedChunks}/${event.totalChunks} chunks`);
          }
        }),
      ),
    );
    if (done.type !== 'done') throw new Error('the ingestion ended without its done event');
    return done;
  }

  @Sse('ingest/stream')
  ingestStream(): Observable<MessageEvent> {
    return this.ingestService
      .ingest(REPO_DOCS)
      .pipe(map((event): MessageEvent => ({ type: event.type, data: event })));
  }

  @Get('ask')
  async ask(@Query() query: AskQueryDto): Promise<RagAskAnswer> {
    const result = await this.qa.ask(query.question);
    return {
      answer: result.answer,
      sources: result.sources.map((source) => ({
        rank: source.rank,
        source: String(source.document.metadata['source'] ?? source.document.id),
        score: source.score,
        excerpt: source.document.content.slice(0, 200),
      })),
    };
  }
}
