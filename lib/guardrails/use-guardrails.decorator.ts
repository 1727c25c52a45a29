import { applyDecorators, SetMetadata, UseInterceptors } from '@nestjs/common';
import { GUARDRAILS_METADATA } from '../conduit.constants';
import { ConduitValidationError, type ConduitInterceptor } from '../core';
import { UseGuardrailsInterceptor } from './use-guardrails.interceptor';

/**
 * Guardrails (any `ConduitInterceptor`, typically `Guardrail` instances) for:
 * - an `@Agent()` class: every run of the agent (`run`, `stream`, `start`) uses them on its model
 *   calls and its tool calls, after the agent's own `interceptors`;
 * - a controller method (or a whole controller): every `ChatService` call made while handling the
 *   request (agents' included) uses them, on top of the call's own interceptors. Streams are
 *   covered when they are subscribed during the request (an `@Sse` route returning the stream).
 *
 * It only stores metadata: `ConduitAgent` reads it on an agent class, a Nest interceptor (added by
 * the decorator, nothing to register) on a route. Guardrails that hold state (counters, a
 * classifier) are shared by every call: create them once, as here.
 *
 * @example
 * ```ts
 * const pii = new PiiRedactionGuardrail({ mode: 'chunked' });
 *
 * @UseGuardrails(pii)
 * @Agent({ system: 'You help customers.' })
 * export class SupportAgent extends ConduitAgent {}
 *
 * @Controller('chat')
 * export class ChatController {
 *   constructor(private readonly chat: ChatService) {}
 *
 *   @Post()
 *   @UseGuardrails(pii, new MaxLengthGuardrail({ maxLength: 4000 }))
 *   async ask(@Body('q') q: string) {
 *     return (await this.chat.chat(q)).text;
 *   }
 * }
 * ```
 */
export function UseGuardrails(
  ...guardrails: ConduitInterceptor[]
): ClassDecorator & MethodDecorator {
  const issues = guardrails.flatMap((guardrail, index) =>
    typeof guardrail === 'object' &&
    guardrail !== null &&
    typeof (guardrail as Partial<ConduitInterceptor>).intercept === 'function'
      ? []
      : [
          {
            path: `guardrails[${index}]`,
            message:
              typeof guardrail === 'function'
                ? 'pass an instance (new PiiRedactionGuardrail()), not the class'
                : 'expected a guardrail (an object with an intercept() method)',
          },
        ],
  );
  if (guardrails.length === 0) {
    issues.push({ path: 'guardrails', message: 'pass at least one guardrail' });
  }
  if (issues.length > 0) throw new ConduitValidationError(issues, 'Invalid @UseGuardrails()');
  return applyDecorators(
    SetMetadata(GUARDRAILS_METADATA, Object.freeze([...guardrails])),
    UseInterceptors(UseGuardrailsInterceptor),
  );
}
