import type { ChatRequest } from '../../lib/core';
import { OpenAIResponsesChatModel } from '../../lib/providers/openai-responses/openai-responses-chat-model';
import { ReplayServer } from './replay-server';

/** The one-message request the Responses specs send unless a test needs more. */
export const RESPONSES_ASK: ChatRequest = { messages: [{ role: 'user', content: 'Hi' }] };
/** The API key the Responses specs configure (and check never leaks into errors). */
export const RESPONSES_KEY = 'sk-test-responses-123456';

type ResponsesOptions = ConstructorParameters<typeof OpenAIResponsesChatModel>[0];

/** A replay server per test and a factory for models pointed at it. */
export interface ResponsesReplay {
  /** The current test's replay server. */
  readonly server: ReplayServer;
  /** A gpt-4o Responses model against the current test's server, with `overrides` applied. */
  model(overrides?: Partial<ResponsesOptions>): OpenAIResponsesChatModel;
}

/**
 * Registers a `beforeEach` that starts a replay server and an `afterEach` that closes it.
 * Call it inside the `describe` block.
 */
export function useResponsesReplay(): ResponsesReplay {
  let server: ReplayServer | undefined;
  beforeEach(async () => {
    server = await ReplayServer.start();
  });
  afterEach(async () => {
    await server?.close();
  });

  const current = (): ReplayServer => {
    if (server === undefined) throw new Error('replay server used outside a test');
    return server;
  };
  return {
    get server() {
      return current();
    },
    model: (overrides = {}) =>
      new OpenAIResponsesChatModel({
        model: 'gpt-4o',
        apiKey: RESPONSES_KEY,
        baseUrl: current().baseUrl,
        ...overrides,
      }),
  };
}
