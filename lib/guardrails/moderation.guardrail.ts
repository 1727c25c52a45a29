import { Inject, Injectable, Optional } from '@nestjs/common';
import { ConduitValidationError } from '../core';
import { HttpClient } from '../providers/shared/http-client';
import { mapOpenAIError } from '../providers/shared/openai-wire/openai-errors';
import { Guardrail } from './guardrail';
import { MODERATION_GUARDRAIL_OPTIONS } from './guardrail-options.tokens';
import type { GuardrailCheckContext, GuardrailDecision, GuardrailOptions } from './guardrail.types';
import type { ModerationCategory, ModerationResult } from './moderation/moderation.types';
import { parseModerationResponse } from './moderation/parse-moderation-response';

/** Options of `ModerationGuardrail`. */
export interface ModerationGuardrailOptions extends GuardrailOptions {
  /** Default: `OPENAI_API_KEY`. */
  readonly apiKey?: string;
  /** Default `https://api.openai.com/v1`. */
  readonly baseUrl?: string;
  /** Default `omni-moderation-latest`. */
  readonly model?: string;
  /**
   * What a failed moderation call (network, 5xx, timeout) means: `closed` (default) blocks the
   * content, `open` lets it through. Both are logged and recorded.
   */
  readonly failMode?: 'open' | 'closed';
  /** Block only for these categories (default: whatever the model flags). */
  readonly categories?: readonly ModerationCategory[];
  /** Block when a category's score reaches its threshold, flagged or not. */
  readonly thresholds?: Readonly<Partial<Record<ModerationCategory, number>>>;
  /** Where to check (default `input` and `output`). */
  readonly stages?: readonly ('input' | 'output')[];
  /** Deadline of one moderation request (default 10 000 ms). */
  readonly timeoutMs?: number;
}

/**
 * Sends prompts and answers to OpenAI's `/v1/moderations` endpoint and blocks what it flags
 * (category `moderation:<category>`, e.g. `moderation:harassment`). Uses the library's HTTP client
 * (keep-alive pool, deadline, key redaction). A failed moderation call blocks (`failMode:
 * 'closed'`) or lets through (`'open'`). With streams, use `buffer` mode (or `chunked` with a
 * large `chunkSize`: each chunk is one moderation request).
 *
 * @example
 * interceptors: [new ModerationGuardrail({ categories: ['self-harm', 'violence'], failMode: 'open' })]
 */
@Injectable()
export class ModerationGuardrail extends Guardrail {
  private readonly http: HttpClient;
  readonly #headers: Readonly<Record<string, string>>;
  private readonly url: string;
  private readonly stages: ReadonlySet<string>;

  constructor(
    @Optional()
    @Inject(MODERATION_GUARDRAIL_OPTIONS)
    protected override readonly options: ModerationGuardrailOptions = {},
  ) {
    super(options);
    const apiKey = options.apiKey ?? process.env['OPENAI_API_KEY'];
    if ((apiKey === undefined || apiKey === '') && options.baseUrl === undefined) {
      throw new ConduitValidationError(
        [{ path: 'apiKey', message: 'missing; pass apiKey or set OPENAI_API_KEY' }],
        'Invalid ModerationGuardrail options',
      );
    }
    const secrets = [apiKey];
    this.http = new HttpClient({
      provider: 'openai',
      secrets,
      mapError: (response) => mapOpenAIError(response, { provider: 'openai', secrets }),
      timeoutMs: options.timeoutMs ?? 10_000,
    });
    this.#headers =
      apiKey === undefined || apiKey === '' ? {} : { authorization: `Bearer ${apiKey}` };
    this.url = `${(options.baseUrl ?? 'https://api.openai.com/v1').replace(/\/+$/, '')}/moderations`;
    this.stages = new Set(options.stages ?? ['input', 'output']);
  }

  /** One moderation request for `text`. Rejects with the provider's typed error. */
  async moderate(text: string, signal?: AbortSignal): Promise<ModerationResult> {
    const response = await this.http.postJson({
      url: this.url,
      headers: this.#headers,
      body: { model: this.options.model ?? 'omni-moderation-latest', input: text },
      signal,
    });
    return parseModerationResponse(response.body);
  }

  /** The categories that block, by the options: the flagged ones asked for, and those over a threshold. */
  protected blocking(result: ModerationResult): ModerationCategory[] {
    const wanted = this.options.categories;
    const flagged = result.categories.filter((c) => wanted === undefined || wanted.includes(c));
    const over = Object.entries(this.options.thresholds ?? {})
      .filter(
        ([category, threshold]) =>
          (result.scores[category as ModerationCategory] ?? 0) >= (threshold ?? 1),
      )
      .map(([category]) => category as ModerationCategory);
    return [...new Set([...flagged, ...over])];
  }

  /** Moderates `text` and decides by `categories`, `thresholds` and `failMode`. */
  protected async decide(text: string, context: GuardrailCheckContext): Promise<GuardrailDecision> {
    if (text.trim() === '') return { allow: true };
    let result: ModerationResult;
    try {
      result = await this.moderate(text, context.call.signal);
    } catch (error: unknown) {
      this.logger?.warn({
        event: 'conduit.guardrail',
        guardrail: this.name,
        stage: context.stage,
        moderation: 'failed',
        failMode: this.options.failMode ?? 'closed',
        error: error instanceof Error ? error.name : 'unknown',
      });
      if (this.options.failMode === 'open') return { allow: true };
      return {
        block: true,
        reason: 'the moderation service did not answer (fail closed)',
        category: 'moderation:unavailable',
      };
    }
    const blocking = this.blocking(result);
    if (blocking.length === 0) return { allow: true };
    return {
      block: true,
      reason: `flagged for ${blocking.join(', ')}`,
      category: `moderation:${blocking[0] as string}`,
    };
  }

  protected override checkInput(
    text: string,
    context: GuardrailCheckContext,
  ): Promise<GuardrailDecision> | GuardrailDecision {
    return this.stages.has('input') ? this.decide(text, context) : { allow: true };
  }

  protected override checkOutput(
    text: string,
    context: GuardrailCheckContext,
  ): Promise<GuardrailDecision> | GuardrailDecision {
    return this.stages.has('output') ? this.decide(text, context) : { allow: true };
  }
}
