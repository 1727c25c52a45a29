import type { ChatRequest } from '../../lib/core';
import { OpenAIResponsesChatModel } from '../../lib/providers/openai-responses/openai-responses-chat-model';
import { useReplayServer, type ReplayServer } from './replay-server';

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
 * A replay server per test ({@link useReplayServer}) with a Responses model factory on it.
 * Call it inside the `describe` block.
 */
export function useResponsesReplay(): ResponsesReplay {
  const replay = useReplayServer();
  return {
    get server() {
      return replay.server;
    },
    model: (overrides = {}) =>
      new OpenAIResponsesChatModel({
        model: 'gpt-4o',
        apiKey: RESPONSES_KEY,
        baseUrl: replay.server.baseUrl,
        ...overrides,
      }),
  };
}
