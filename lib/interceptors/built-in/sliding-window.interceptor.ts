import { Inject, Injectable, Optional } from '@nestjs/common';
import { defer, type Observable } from 'rxjs';
import {
  ConduitValidationError,
  type CallHandler,
  type CallOutput,
  type ConduitCallContext,
  type ConduitInterceptor,
} from '../../core';
import { SLIDING_WINDOW_INTERCEPTOR_OPTIONS } from './built-in-options.tokens';
import { messageUnits } from '../../core/message-units';
import { newestGroupsWithin, noteTrimmed } from './message-groups';
import type { SlidingWindowInterceptorOptions } from './message-shaping-options.types';

/**
 * Sends only the newest `maxMessages` messages of the conversation (plus, with `keepSystem`, every
 * system message, moved to the front). A tool call and its results are kept or dropped together,
 * so the window may hold fewer messages than `maxMessages`; the newest turn is always kept. The
 * count of dropped messages goes to `ConduitMetadataKeys.trimmedMessages`.
 *
 * Options (defaults): `maxMessages` (required), `keepSystem` true.
 *
 * @example
 * interceptors: [new SlidingWindowInterceptor({ maxMessages: 20 })]
 */
@Injectable()
export class SlidingWindowInterceptor implements ConduitInterceptor {
  protected readonly maxMessages: number;
  protected readonly keepSystem: boolean;

  constructor(
    @Optional()
    @Inject(SLIDING_WINDOW_INTERCEPTOR_OPTIONS)
    options?: SlidingWindowInterceptorOptions,
  ) {
    const maxMessages = options?.maxMessages;
    if (maxMessages === undefined || !Number.isInteger(maxMessages) || maxMessages < 1) {
      throw new ConduitValidationError(
        [
          {
            path: 'maxMessages',
            message: `must be a positive integer, got ${String(maxMessages)}`,
          },
        ],
        'Invalid SlidingWindowInterceptor options',
      );
    }
    this.maxMessages = maxMessages;
    this.keepSystem = options?.keepSystem ?? true;
  }

  intercept(context: ConduitCallContext, next: CallHandler): Observable<CallOutput> {
    if (context.kind !== 'chat' && context.kind !== 'stream') return next.handle();
    return defer(() => {
      const messages = context.request.messages;
      const system = this.keepSystem ? messages.filter((m) => m.role === 'system') : [];
      const rest = this.keepSystem ? messages.filter((m) => m.role !== 'system') : messages;
      const window = newestGroupsWithin(messageUnits(rest), this.maxMessages, (g) => g.length);
      const shaped = [...system, ...window];
      noteTrimmed(context, messages.length - shaped.length);
      context.request = { ...context.request, messages: shaped };
      return next.handle();
    });
  }
}
