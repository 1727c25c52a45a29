import type { CallWarning, ChatRequest } from '../../core';
import { checkInlineSizes, OPENAI_INLINE_LIMITS } from '../shared/user-parts';
import { convertToResponsesInput } from './convert-to-responses-input';
import type { OpenAIResponsesModelSettings } from './openai-responses-settings.types';
import { prepareResponsesTools } from './prepare-responses-tools';

/** A Responses API body and the settings that could not be honoured. */
export interface ResponsesBody {
  readonly body: Record<string, unknown>;
  readonly warnings: readonly CallWarning[];
}

/** What the body needs besides the request: the model, its reasoning settings, the wire mode. */
export type ResponsesTarget = Pick<
  OpenAIResponsesModelSettings,
  'model' | 'reasoningEffort' | 'reasoningSummary' | 'includeEncryptedReasoning' | 'store'
> & {
  /** `openai`, `xai`...: the key of `providerOptions` merged into the body. */
  readonly providerName: string;
  readonly stream: boolean;
};

function reasoningField(target: ResponsesTarget): Record<string, unknown> | undefined {
  const reasoning: Record<string, unknown> = {};
  if (target.reasoningEffort !== undefined) reasoning['effort'] = target.reasoningEffort;
  if (target.reasoningSummary !== undefined) reasoning['summary'] = target.reasoningSummary;
  return Object.keys(reasoning).length > 0 ? reasoning : undefined;
}

/**
 * Builds the body of `POST /responses`. `maxTokens` becomes `max_output_tokens`; `stop` and `seed`
 * have no Responses API equivalent and become warnings. Provider options
 * (`providerOptions.openai`, or the custom provider name's entry) are merged last and win, so any
 * field the API adds later (`previous_response_id`, `truncation`, `service_tier`) can be sent.
 */
export function buildResponsesBody(request: ChatRequest, target: ResponsesTarget): ResponsesBody {
  const warnings: CallWarning[] = [];
  const model = `${target.providerName}:${target.model}`;
  if (target.providerName === 'openai') {
    checkInlineSizes(request.messages, model, OPENAI_INLINE_LIMITS);
  }
  const body: Record<string, unknown> = {
    model: target.model,
    input: convertToResponsesInput(request.messages, model),
  };
  if (request.temperature !== undefined) body['temperature'] = request.temperature;
  if (request.topP !== undefined) body['top_p'] = request.topP;
  if (request.maxTokens !== undefined) body['max_output_tokens'] = request.maxTokens;
  if (request.stop !== undefined) {
    warnings.push({ setting: 'stop', message: 'the Responses API has no stop sequences; ignored' });
  }
  if (request.seed !== undefined) {
    warnings.push({ setting: 'seed', message: 'the Responses API has no seed; ignored' });
  }
  Object.assign(body, prepareResponsesTools(request));
  if (request.toolChoice !== undefined && body['tools'] === undefined) {
    warnings.push({ setting: 'toolChoice', message: 'ignored because no tools were given' });
  }
  const reasoning = reasoningField(target);
  if (reasoning !== undefined) body['reasoning'] = reasoning;
  if (target.includeEncryptedReasoning === true) body['include'] = ['reasoning.encrypted_content'];
  if (target.store !== undefined) body['store'] = target.store;
  if (target.stream) body['stream'] = true;
  const options = request.providerOptions ?? {};
  Object.assign(
    body,
    options['openai'],
    target.providerName === 'openai' ? {} : options[target.providerName],
  );
  return { body, warnings };
}
