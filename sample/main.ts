import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import { configureSampleApp, type SampleApp } from './http/configure-sample-app';
import { createSampleHttpAdapter, readSampleAdapter } from './http/sample-http-adapter';

/**
 * Starts the sample app: `npm run start:sample` (PORT, default 3000; HOST, default every interface;
 * SAMPLE_ADAPTER, the HTTP platform: `express` by default, or `fastify`). Without OPENAI_API_KEY /
 * OPENAI_BASE_URL / ANTHROPIC_API_KEY it answers with the local demo model; see sample-env.ts.
 */
async function bootstrap(): Promise<void> {
  const adapter = readSampleAdapter(process.env['SAMPLE_ADAPTER']);
  const app = configureSampleApp(
    await NestFactory.create<SampleApp>(
      AppModule.forRoot(process.env),
      createSampleHttpAdapter(adapter),
    ),
  );
  app.enableShutdownHooks();
  const port = Number(process.env['PORT'] ?? 3000);
  // HOST unset: every interface, Nest's default on Express; Fastify alone would take localhost only.
  const host = process.env['HOST'] ?? (adapter === 'fastify' ? '0.0.0.0' : undefined);
  await (host === undefined ? app.listen(port) : app.listen(port, host));
  new Logger('Sample').log(
    `Listening on ${await app.getUrl()} (${adapter}): the chat page at GET /; POST /chat, GET /chat/stream, ` +
      'POST /agent, GET /agent/stream, POST /extract, POST /memory/chat, POST /workflow/triage, ' +
      'POST /rag/ingest, GET /rag/ask, GET /usage',
  );
}

void bootstrap();
