import type { ChatModel, ChatModelConfig } from 'nestjs-conduit';
import { createLocalDemoModel } from './local-demo-model';
import type { SampleEnv } from './sample-env';

/** Which model the sample uses and a line saying so for the startup log. */
export interface SampleModelChoice {
  readonly model: ChatModel | ChatModelConfig;
  readonly description: string;
}

/**
 * OpenAI when OPENAI_API_KEY or OPENAI_BASE_URL is set, else Anthropic when ANTHROPIC_API_KEY is
 * set, else the local demo model. Empty variables count as unset.
 */
export function chooseChatModel(env: SampleEnv): SampleModelChoice {
  const apiKey = nonEmpty(env.OPENAI_API_KEY);
  const baseUrl = nonEmpty(env.OPENAI_BASE_URL);
  const anthropicKey = nonEmpty(env.ANTHROPIC_API_KEY);
  if (apiKey === undefined && baseUrl === undefined) {
    if (anthropicKey !== undefined) {
      const model = nonEmpty(env.ANTHROPIC_MODEL) ?? 'claude-haiku-4-5';
      return {
        model: { provider: 'anthropic', model, apiKey: anthropicKey },
        description: `Using Anthropic model ${model}.`,
      };
    }
    return {
      model: createLocalDemoModel(),
      description:
        'No OPENAI_API_KEY, OPENAI_BASE_URL or ANTHROPIC_API_KEY set: answering with the LOCAL ' +
        'DEMO MODEL (a few deterministic rules, not an LLM; no network). Set OPENAI_API_KEY or ' +
        'ANTHROPIC_API_KEY to talk to a real model.',
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
