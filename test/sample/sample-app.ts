import type { Server } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type request from 'supertest';
import { AppModule } from '../../sample/app.module';
import { configureSampleApp, type SampleApp } from '../../sample/http/configure-sample-app';
import {
  createSampleHttpAdapter,
  type SampleAdapterName,
} from '../../sample/http/sample-http-adapter';
import type { SampleEnv } from '../../sample/sample-env';

/**
 * The sample app on its local demo model (or `env`), ready for supertest, with the same HTTP
 * setup as `npm run start:sample` (configureSampleApp), on Express or (`adapter`) Fastify.
 */
export async function startSampleApp(
  env: SampleEnv = {},
  adapter: SampleAdapterName = 'express',
): Promise<{
  readonly app: INestApplication;
  readonly http: Server;
}> {
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(env)] }).compile();
  const httpAdapter = createSampleHttpAdapter(adapter);
  const app = configureSampleApp(
    moduleRef.createNestApplication<SampleApp>(httpAdapter, { logger: false }),
  );
  await app.init();
  // Fastify routes requests only once its plugins are loaded; supertest calls the server directly.
  if (adapter === 'fastify') await httpAdapter.getInstance<{ ready(): Promise<unknown> }>().ready();
  return { app, http: app.getHttpServer() };
}

/** One SSE frame: its `event:` name and its parsed `data:` JSON. */
export interface SseMessage {
  readonly event: string;
  readonly data: unknown;
}

/** Splits an SSE body into frames (blank-line separated) and reads each `event:` and `data:` line. */
export function parseSseMessages(body: string): SseMessage[] {
  return body
    .split('\n\n')
    .map((frame) => frame.trim())
    .filter((frame) => frame !== '')
    .map((frame) => {
      const lines = frame.split('\n');
      const event = lines.find((line) => line.startsWith('event: '))?.slice('event: '.length);
      const data = lines.find((line) => line.startsWith('data: '))?.slice('data: '.length);
      if (event === undefined || data === undefined) throw new Error(`bad SSE frame: ${frame}`);
      return { event, data: JSON.parse(data) as unknown };
    });
}

/** Buffers a `text/event-stream` body as text (superagent does not do it by itself). */
export function readText(
  res: request.Response,
  done: (error: Error | null, body: string) => void,
): void {
  const stream = res as unknown as NodeJS.ReadableStream;
  let body = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => (body += chunk));
  stream.on('end', () => done(null, body));
}
