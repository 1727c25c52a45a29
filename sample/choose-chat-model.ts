import type { ChatModel } from 'nestjs-conduit';
import { createLocalDemoModel } from './local-demo-model';
import type { SampleEnv } from './sample-env';

/** An OpenAI (or OpenAI-compatible) model configuration for `ConduitModule.forRoot`. */
export interface SampleOpenAIModelConfig {
  readonly provider: 'openai';
  readonly model: string;
  readonly apiKey?: string;
  readonly baseUrl?: string;
}

/** Which model the sample uses and a line saying so for the startup log. */
export interface SampleModelChoice {
  readonly model: ChatModel | SampleOpenAIModelConfig;
  readonly description: string;
}

/**
 * OpenAI when OPENAI_API_KEY or OPENAI_BASE_URL is set, else the local demo model.
 * Empty variables count as unset.
 */
export function chooseChatModel(env: SampleEnv): SampleModelChoice {
  const apiKey = nonEmpty(env.OPENAI_API_KEY);
  const baseUrl = nonEmpty(env.OPENAI_BASE_URL);
  if (apiKey === undefined && baseUrl === undefined) {
    return {
      model: createLocalDemoModel(),
      description:
        'No OPENAI_API_KEY or OPENAI_BASE_URL set: answering with the LOCAL DEMO MODEL ' +
        '(a few deterministic rules, not an LLM; no network). Set OPENAI_API_KEY to talk to OpenAI.',
    };
  }
  const model = nonEmpty(env.OPENAI_MODEL) ?? 'gpt-4o-mini';
  return {
    model: {
      provider: 'openai',
      model,
      ...(apiKey === undefined ? {} : { apiKey }),
      ...(baseUrl === undefined ? {} : { baseUrl }),
    },
    description: `Using OpenAI-compatible model ${model} at ${baseUrl ?? 'https://api.openai.com/v1'}.`,
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}
