import { Inject, Injectable, Optional } from '@nestjs/common';
import { defer, type Observable } from 'rxjs';
import type {
  CallHandler,
  CallOutput,
  ChatCallContext,
  ConduitCallContext,
  ConduitInterceptor,
  Message,
  StreamCallContext,
} from '../../core';
import { countMessageTokens, countTokens } from '../../tokens';
import { TOKEN_LIMIT_INTERCEPTOR_OPTIONS } from './built-in-options.tokens';
import { messageUnits } from '../../core/message-units';
import { newestGroupsWithin, noteTrimmed } from './message-groups';
import type { TokenLimitInterceptorOptions } from './message-shaping-options.types';

/**
 * Trims the conversation to a prompt-token budget, keeping the NEWEST messages that fit (older
 * ones go first) and, with `keepSystem`, every system message (moved to the front). Tokens are
 * counted with the model's tokenizer (`countTokens`): exact for OpenAI models, an estimate for
 * others. A tool call and its results are kept or dropped together; the kept messages are one
 * recent, contiguous stretch; the newest turn is always kept (if it alone is too long, the
 * provider reports the context-length error). The count of dropped messages goes to
 * `ConduitMetadataKeys.trimmedMessages`.
 *
 * Options (defaults): `maxTokens` the model's context window minus the answer's reserve,
 * `keepSystem` true, `countMessage` `countMessageTokens` for the model.
 *
 * @example
 * interceptors: [new TokenLimitInterceptor({ maxTokens: 8000 })]
 */
@Injectable()
export class TokenLimitInterceptor implements ConduitInterceptor {
  constructor(
    @Optional()
    @Inject(TOKEN_LIMIT_INTERCEPTOR_OPTIONS)
    protected readonly options: TokenLimitInterceptorOptions = {},
  ) {}

  intercept(context: ConduitCallContext, next: CallHandler): Observable<CallOutput> {
    if (context.kind !== 'chat' && context.kind !== 'stream') return next.handle();
    return defer(() => {
      const budget = this.budgetOf(context);
      if (budget !== undefined) this.trim(context, budget);
      return next.handle();
    });
  }

  /** Prompt tokens allowed: the option, else the context window minus the answer's reserve. */
  protected budgetOf(context: ChatCallContext | StreamCallContext): number | undefined {
    if (this.options.maxTokens !== undefined) return this.options.maxTokens;
    const capabilities = context.modelInfo?.capabilities;
    const window = capabilities?.maxContextTokens;
    if (window === undefined) return undefined;
    return window - (context.request.maxTokens ?? capabilities?.maxOutputTokens ?? 0);
  }

  private trim(context: ChatCallContext | StreamCallContext, budget: number): void {
    const model = context.modelInfo?.modelId;
    const options = model === undefined ? {} : { model };
    const count = this.options.countMessage ?? ((m: Message) => countMessageTokens(m, options));
    const keepSystem = this.options.keepSystem ?? true;
    const messages = context.request.messages;
    const system = keepSystem ? messages.filter((m) => m.role === 'system') : [];
    const rest = keepSystem ? messages.filter((m) => m.role !== 'system') : messages;
    // Framing and tool definitions are paid whatever is kept.
    const fixed = countTokens([], context.request.tools, options);
    const systemCost = system.reduce((sum, m) => sum + count(m), 0);
    const kept = newestGroupsWithin(messageUnits(rest), budget - fixed - systemCost, (group) =>
      group.reduce((sum, m) => sum + count(m), 0),
    );
    const shaped = [...system, ...kept];
    noteTrimmed(context, messages.length - shaped.length);
    context.request = { ...context.request, messages: shaped };
  }
}
