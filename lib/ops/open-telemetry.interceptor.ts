import { Inject, Injectable, Optional } from '@nestjs/common';
import { Observable } from 'rxjs';
import type { Span, Tracer } from '@opentelemetry/api';
import type { CallOutput, ConduitCallContext, ToolResult } from '../core/call-context.types';
import type { ChatResponse } from '../core/chat-response.types';
import type { CallHandler, ConduitInterceptor } from '../core/conduit-interceptor.interface';
import type { EmbeddingResponse } from '../core/embedding-model.interface';
import type { StreamEvent } from '../core/stream-event.types';
import { isRecord } from '../core/is-record';
import { ConduitMetadataKeys } from '../interceptors/built-in/conduit-metadata.keys';
import {
  chatResponseAttributes,
  embeddingAttributes,
  requestAttributes,
  spanName,
  toolResultAttributes,
  usageAttributes,
} from './gen-ai-attributes';
import { loadOpenTelemetry } from './load-open-telemetry';
import {
  OPEN_TELEMETRY_INTERCEPTOR_OPTIONS,
  type OpenTelemetryInterceptorOptions,
} from './open-telemetry-options.types';

/**
 * One OpenTelemetry span per call, with the GenAI semantic-convention attributes: `gen_ai.system`
 * / `gen_ai.provider.name`, `gen_ai.request.model`, `gen_ai.operation.name` (`chat`, `embeddings`,
 * `execute_tool`), request parameters, `gen_ai.response.*`, input / output / cached / reasoning
 * tokens, the finish reason, plus `conduit.retry.attempts` and `conduit.cost.usd` when the retry and
 * cost interceptors run inside this one. Tool calls (run through the chain by the tool executor)
 * get `execute_tool {name}` spans, children of the span active when they run. Failures set the
 * span status to ERROR with `error.type`; a cancelled call is marked `conduit.cancelled`.
 *
 * Needs the optional peer `@opentelemetry/api` (loaded on the first call; a missing package fails
 * with the install command) and an SDK registered by the application.
 *
 * @example
 * ConduitModule.forRoot({ models, interceptors: [OpenTelemetryInterceptor, RetryInterceptor, CostTrackingInterceptor] });
 */
@Injectable()
export class OpenTelemetryInterceptor implements ConduitInterceptor {
  private tracer: Tracer | undefined;

  constructor(
    @Optional()
    @Inject(OPEN_TELEMETRY_INTERCEPTOR_OPTIONS)
    private readonly options: OpenTelemetryInterceptorOptions = {},
  ) {}

  intercept(context: ConduitCallContext, next: CallHandler): Observable<CallOutput> {
    return new Observable<CallOutput>((subscriber) => {
      const api = loadOpenTelemetry();
      const tracer = this.tracerOf();
      const kind = context.kind === 'tool' ? api.SpanKind.INTERNAL : api.SpanKind.CLIENT;
      const span = tracer.startSpan(spanName(context), {
        kind,
        attributes: requestAttributes(context),
      });
      let ended = false;
      const end = (error?: unknown): void => {
        if (ended) return;
        ended = true;
        this.recordNotes(span, context);
        if (error !== undefined) {
          const type = error instanceof Error ? error.name : typeof error;
          span.setAttribute('error.type', type);
          if (error instanceof Error) span.recordException(error);
          span.setStatus({ code: api.SpanStatusCode.ERROR, message: type });
        }
        span.end();
      };
      // How the chain ended; undefined while it runs (an unsubscribe then means cancelled).
      let ending: { readonly error?: unknown } | undefined;
      // The span is the active context while the rest of the chain runs (HTTP spans nest in it).
      const active = api.trace.setSpan(api.context.active(), span);
      const subscription = api.context.with(active, () =>
        next.handle().subscribe({
          next: (output) => {
            this.recordOutput(span, context, output);
            subscriber.next(output);
          },
          error: (error: unknown) => {
            ending = { error };
            subscriber.error(error);
          },
          complete: () => {
            ending = {};
            subscriber.complete();
          },
        }),
      );
      // The span ends here, after the inner chain's teardowns: the cost interceptor records the
      // call's cost in its teardown, so ending on `complete` would miss `conduit.cost.usd`.
      return () => {
        subscription.unsubscribe();
        if (ending === undefined) span.setAttribute('conduit.cancelled', true);
        end(ending?.error);
      };
    });
  }

  private tracerOf(): Tracer {
    if (this.tracer !== undefined) return this.tracer;
    const name = this.options.tracerName ?? 'nestjs-conduit';
    const provider = this.options.tracerProvider;
    this.tracer =
      provider === undefined
        ? loadOpenTelemetry().trace.getTracer(name)
        : (provider.getTracer(name) as Tracer);
    return this.tracer;
  }

  private recordOutput(span: Span, context: ConduitCallContext, output: CallOutput): void {
    switch (context.kind) {
      case 'chat':
        span.setAttributes(chatResponseAttributes(output as ChatResponse));
        return;
      case 'embed':
        span.setAttributes(embeddingAttributes(output as EmbeddingResponse));
        return;
      case 'tool':
        span.setAttributes(toolResultAttributes(output as ToolResult));
        return;
      case 'stream':
        recordStreamEvent(span, output as StreamEvent);
    }
  }

  /** Notes left by the retry and cost interceptors running inside this one. */
  private recordNotes(span: Span, context: ConduitCallContext): void {
    const attempts = context.metadata.get(ConduitMetadataKeys.retryAttempts);
    if (typeof attempts === 'number') span.setAttribute('conduit.retry.attempts', attempts);
    const cost = context.metadata.get(ConduitMetadataKeys.cost) as
      { cost?: { totalUsd?: unknown } } | undefined;
    const usd = cost?.cost?.totalUsd;
    if (typeof usd === 'number') span.setAttribute('conduit.cost.usd', usd);
    // Guardrail decisions (lib/guardrails notes them under this key), one span event each.
    const decisions = context.metadata.get(ConduitMetadataKeys.guardrails);
    if (!Array.isArray(decisions)) return;
    for (const decision of decisions as unknown[]) {
      if (!isRecord(decision)) continue;
      const attributes: Record<string, string | boolean> = {};
      for (const key of ['guardrail', 'stage', 'outcome', 'category', 'enforced']) {
        const value = decision[key];
        if (typeof value === 'string' || typeof value === 'boolean') {
          attributes[`conduit.guardrail.${key}`] = value;
        }
      }
      span.addEvent('conduit.guardrail', attributes);
    }
  }
}

/** Span attributes from the stream events that carry them: start, usage and finish. */
function recordStreamEvent(span: Span, event: StreamEvent): void {
  if (event.type === 'start') {
    span.setAttributes({ 'gen_ai.response.id': event.id, 'gen_ai.response.model': event.model });
  } else if (event.type === 'usage') {
    span.setAttributes(usageAttributes(event.usage));
  } else if (event.type === 'finish') {
    span.setAttributes({
      'gen_ai.response.finish_reasons': [event.finishReason],
      ...usageAttributes(event.usage),
    });
  }
}
