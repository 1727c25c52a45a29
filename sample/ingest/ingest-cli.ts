import 'reflect-metadata';
import * as path from 'node:path';
import { NestFactory } from '@nestjs/core';
import { lastValueFrom, tap } from 'rxjs';
import { AppModule } from '../app.module';
import { DocsIngestService } from '../rag/docs-ingest.service';
import { DocsQaService } from '../rag/docs-qa.service';
import { renderProgressBar } from './progress-bar';

/**
 * `npm run sample:ingest -- <folder> [question]`: ingests the Markdown files of a folder into the
 * sample's vector store with a progress bar (chunks embedded / total, rate, ETA), then answers the
 * question, if one is given, with its sources. Same models as the app (see sample-env.ts).
 */
async function main(): Promise<void> {
  const [folder, question] = process.argv.slice(2);
  if (folder === undefined) {
    process.stderr.write('usage: npm run sample:ingest -- <folder> [question]\n');
    process.exitCode = 2;
    return;
  }
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(process.env), {
    logger: ['error', 'warn'],
  });
  try {
    const started = Date.now();
    const interactive = process.stderr.isTTY;
    const done = await lastValueFrom(
      app
        .get(DocsIngestService)
        .ingest(path.resolve(folder))
        .pipe(
          tap((event) => {
            if (event.type !== 'progress') return;
            const line = renderProgressBar({
              done: event.embeddedChunks,
              total: event.totalChunks,
              elapsedMs: Date.now() - started,
            });
            // On a terminal the bar redraws in place; in a log, one line per batch.
            process.stderr.write(interactive ? `\r${line}` : `${line}\n`);
          }),
        ),
    );
    if (interactive) process.stderr.write('\n');
    if (done.type === 'done') {
      process.stdout.write(
        `Ingested ${done.files} files as ${done.chunks} chunks in ${Date.now() - started} ms.\n`,
      );
    }
    if (question !== undefined) {
      const answer = await app.get(DocsQaService).ask(question);
      process.stdout.write(`\n${answer.answer}\n\nSources:\n`);
      for (const source of answer.sources) {
        const origin = String(source.document.metadata['source'] ?? source.document.id);
        process.stdout.write(`  [${source.rank}] ${origin} (score ${source.score.toFixed(3)})\n`);
      }
    }
  } finally {
    await app.close();
  }
}

void main();
