import type { FallbackModuleOptions } from './fallback-options.types';

/**
 * The part of `ConduitModuleOptions` that `ChatService` reads. Kept in this folder so the chat floor
 * never imports the root file that composes every floor's part.
 */
export interface ChatModuleOptions extends FallbackModuleOptions {
  /**
   * Overall timeout of one call (a whole stream included), in milliseconds. Defaults to 600000
   * (10 minutes, like openai-node); `0` disables it. A call's own `timeoutMs` wins.
   */
  readonly timeoutMs?: number;
}
