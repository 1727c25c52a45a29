import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { lastValueFrom, toArray } from 'rxjs';
import type { ChatRequest, ChatResponse, StreamEvent } from '../../lib/core';
import { GoogleChatModel } from '../../lib/providers/google/google-chat-model';
import type { GoogleChatModelSettings } from '../../lib/providers/google/google-settings.types';
import { collectStream } from '../../lib/streaming/collect-stream';
import { fixtureStatus } from './fixtures';
import { useReplayServer, type ReplayScript, type ReplayServer } from './replay-server';

/** The hand-written Gemini fixtures (see test/fixtures/google/README.md). */
export const GOOGLE_FIXTURES_DIR = path.resolve(__dirname, '../fixtures/google');

/** A made-up key of Google's shape, to check it never leaves the header. */
export const GOOGLE_TEST_KEY = 'AIzaSyTestKey0123456789abcdefghijklmnop';

/** The bytes of a Gemini fixture. */
export function readGoogleFixture(name: string): string {
  return readFileSync(path.join(GOOGLE_FIXTURES_DIR, name), 'utf8');
}

/**
 * A replay script serving a Gemini fixture: its status from the name (`*.429.json`), SSE content
 * type for `.stream.txt`; `extra` adds cutting options.
 */
export function googleScript(name: string, extra: Partial<ReplayScript> = {}): ReplayScript {
  const stream = name.endsWith('.stream.txt');
  return {
    status: fixtureStatus(name),
    headers: { 'content-type': stream ? 'text/event-stream' : 'application/json' },
    body: readGoogleFixture(name),
    ...extra,
  };
}

/** The one-message request the Gemini specs send unless a test needs more. */
export const GOOGLE_ASK: ChatRequest = { messages: [{ role: 'user', content: 'Hello' }] };

/** A replay server per test and factories for Gemini models pointed at it. */
export interface GoogleReplay {
  readonly server: ReplayServer;
  /** A gemini-2.5-flash model on the current test's server, answering with `scripts` in order. */
  model(
    scripts: ReplayScript | readonly ReplayScript[],
    settings?: Partial<GoogleChatModelSettings>,
  ): GoogleChatModel;
  /** Every event of `request` (default {@link GOOGLE_ASK}) streamed and answered by `script`. */
  events(script: ReplayScript, request?: ChatRequest): Promise<StreamEvent[]>;
  /** The response the streamed answer collects to. */
  collect(script: ReplayScript, request?: ChatRequest): Promise<ChatResponse>;
}

/** A replay server per test with Gemini model factories on it; call once per spec file. */
export function useGoogleReplay(): GoogleReplay {
  const replay = useReplayServer();
  const model: GoogleReplay['model'] = (scripts, settings = {}) => {
    replay.server.enqueue(...([] as ReplayScript[]).concat(scripts));
    return new GoogleChatModel({
      model: 'gemini-2.5-flash',
      apiKey: GOOGLE_TEST_KEY,
      baseUrl: `${replay.server.url}/v1beta`,
      ...settings,
    });
  };
  return {
    get server() {
      return replay.server;
    },
    model,
    events: (script, request = GOOGLE_ASK) =>
      lastValueFrom(model(script).stream(request).pipe(toArray())),
    collect: (script, request = GOOGLE_ASK) =>
      lastValueFrom(model(script).stream(request).pipe(collectStream())),
  };
}
