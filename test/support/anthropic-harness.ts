import { lastValueFrom, toArray } from 'rxjs';
import type { ChatRequest, ChatResponse, StreamEvent } from '../../lib/core';
import { AnthropicChatModel } from '../../lib/providers/anthropic/anthropic-chat-model';
import type { AnthropicChatModelSettings } from '../../lib/providers/anthropic/anthropic-settings.types';
import { collectStream } from '../../lib/streaming/collect-stream';
import { useReplayServer, type ReplayScript, type ReplayServer } from './replay-server';

/** The one-message request the Anthropic specs send unless a test needs more. */
export const ANTHROPIC_ASK: ChatRequest = { messages: [{ role: 'user', content: 'Hello' }] };

type Scripts = ReplayScript | readonly ReplayScript[];

/** A replay server per test and factories for Anthropic models pointed at it. */
export interface AnthropicReplay {
  /** The current test's replay server. */
  readonly server: ReplayServer;
  /**
   * A claude-sonnet-4-20250514 model against the current test's server, which answers its next
   * requests with `scripts`, in order; `settings` override the model's.
   */
  model(scripts: Scripts, settings?: Partial<AnthropicChatModelSettings>): AnthropicChatModel;
  /** Every event of {@link ANTHROPIC_ASK} streamed and answered by `script`. */
  events(
    script: ReplayScript,
    settings?: Partial<AnthropicChatModelSettings>,
  ): Promise<StreamEvent[]>;
  /** The response {@link ANTHROPIC_ASK} streamed and answered by `script` collects to. */
  collect(
    script: ReplayScript,
    settings?: Partial<AnthropicChatModelSettings>,
  ): Promise<ChatResponse>;
}

/**
 * A replay server per test ({@link useReplayServer}) with Anthropic model factories on it.
 * Call it once at the top of the spec file or `describe` block.
 */
export function useAnthropicReplay(): AnthropicReplay {
  const replay = useReplayServer();
  const model: AnthropicReplay['model'] = (scripts, settings = {}) => {
    replay.server.enqueue(...([] as ReplayScript[]).concat(scripts));
    return new AnthropicChatModel({
      model: 'claude-sonnet-4-20250514',
      apiKey: 'sk-ant-test-key',
      baseUrl: replay.server.baseUrl,
      ...settings,
    });
  };
  return {
    get server() {
      return replay.server;
    },
    model,
    events: (script, settings) =>
      lastValueFrom(model(script, settings).stream(ANTHROPIC_ASK).pipe(toArray())),
    collect: (script, settings) =>
      lastValueFrom(model(script, settings).stream(ANTHROPIC_ASK).pipe(collectStream())),
  };
}
