import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { configureSampleApp } from './http/configure-sample-app';

/**
 * Starts the sample app: `npm run start:sample` (PORT, default 3000; HOST, default every interface).
 * Without OPENAI_API_KEY / OPENAI_BASE_URL / ANTHROPIC_API_KEY it answers with the local demo
 * model; see sample-env.ts.
 */
async function bootstrap(): Promise<void> {
  const app = configureSampleApp(
    await NestFactory.create<NestExpressApplication>(AppModule.forRoot(process.env)),
  );
  app.enableShutdownHooks();
  const port = Number(process.env['PORT'] ?? 3000);
  // HOST unset: every interface, Nest's default.
  const host = process.env['HOST'];
  await (host === undefined ? app.listen(port) : app.listen(port, host));
  new Logger('Sample').log(
    `Listening on ${await app.getUrl()}: the chat page at GET /; POST /chat, GET /chat/stream, ` +
      'POST /agent, GET /agent/stream, POST /extract, POST /memory/chat, POST /workflow/triage, ' +
      'POST /rag/ingest, GET /rag/ask, GET /usage',
  );
}

void bootstrap();
