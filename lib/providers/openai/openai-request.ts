import { ConduitValidationError, type CallWarning, type ChatRequest } from '../../core';
import { checkInlineSizes, OPENAI_INLINE_LIMITS } from '../shared/user-parts';
import { convertToOpenAIMessages } from './convert-to-openai-messages';
import { prepareOpenAITools } from './prepare-openai-tools';

/** Where and for whom a Chat Completions body is built. */
export interface OpenAIRequestTarget {
  readonly model: string;
  readonly baseUrl: string;
  /** `openai` or the name given for an OpenAI-compatible server; its providerOptions merge too. */
  readonly providerName: string;
  readonly stream: boolean;
}

/** A Chat Completions body and the settings that could not be honoured. */
export interface OpenAIChatBody {
  readonly body: Record<string, unknown>;
  readonly warnings: readonly CallWarning[];
}

/**
 * `max_completion_tokens` replaced `max_tokens` on api.openai.com (reasoning models reject the old
 * name), but OpenAI-compatible servers (Ollama, vLLM, Groq, LM Studio...) only know `max_tokens`.
 * So the host decides.
 */
export function usesMaxCompletionTokens(baseUrl: string): boolean {
  // Parsing a URL costs about a microsecond; an app has a handful of base URLs.
  let uses = HOST_CHECKS.get(baseUrl);
  if (uses === undefined) {
    uses = new URL(baseUrl).hostname === 'api.openai.com';
    if (HOST_CHECKS.size < 64) HOST_CHECKS.set(baseUrl, uses);
  }
  return uses;
}

/** `usesMaxCompletionTokens` answers by base URL. */
const HOST_CHECKS = new Map<string, boolean>();

/** Provider options for this call: `openai` first, then the custom provider name's entry. */
function providerOptionsOf(
  request: ChatRequest,
  providerName: string,
): Readonly<Record<string, unknown>> {
  const all = request.providerOptions ?? {};
  return providerName === 'openai'
    ? { ...all['openai'] }
    : { ...all['openai'], ...all[providerName] };
}

/**
 * Builds the Chat Completions body of a request. Provider options are merged last and win.
 * `n` > 1 is rejected with a ConduitValidationError before any request: a ChatResponse holds one
 * answer, and paying for several to drop all but one would be a silent waste.
 */
export function buildOpenAIChatBody(
  request: ChatRequest,
  target: OpenAIRequestTarget,
): OpenAIChatBody {
  const extra = providerOptionsOf(request, target.providerName);
  const n = extra['n'];
  if (n !== undefined && n !== null && n !== 1) {
    // Name the entry the value came from: the provider's own entry wins over `openai`.
    const key =
      request.providerOptions?.[target.providerName]?.['n'] !== undefined
        ? target.providerName
        : 'openai';
    throw new ConduitValidationError([
      {
        path: `providerOptions.${key}.n`,
        message: `must be 1 (got ${JSON.stringify(n)}); a call returns one answer: make several calls instead`,
      },
    ]);
  }

  const warnings: CallWarning[] = [];
  const model = `${target.providerName}:${target.model}`;
  // Other OpenAI-compatible servers publish their own limits (or none): only OpenAI's are known.
  if (target.providerName === 'openai') {
    checkInlineSizes(request.messages, model, OPENAI_INLINE_LIMITS);
  }
  const body: Record<string, unknown> = {
    model: target.model,
    messages: convertToOpenAIMessages(request.messages, model),
  };
  if (request.temperature !== undefined) body['temperature'] = request.temperature;
  if (request.topP !== undefined) body['top_p'] = request.topP;
  if (request.maxTokens !== undefined) {
    const field = usesMaxCompletionTokens(target.baseUrl) ? 'max_completion_tokens' : 'max_tokens';
    body[field] = request.maxTokens;
  }
  if (request.stop !== undefined) {
    body['stop'] = typeof request.stop === 'string' ? request.stop : [...request.stop];
  }
  if (request.seed !== undefined) body['seed'] = request.seed;
  Object.assign(body, prepareOpenAITools(request));
  if (request.toolChoice !== undefined && body['tools'] === undefined) {
    warnings.push({ setting: 'toolChoice', message: 'ignored because no tools were given' });
  }
  if (target.stream) {
    body['stream'] = true;
    body['stream_options'] = { include_usage: true };
  }
  Object.assign(body, extra);
  return { body, warnings };
}
