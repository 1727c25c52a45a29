import { fromAiSdk } from '../../lib/providers/ai-sdk';
import { aiSdkBenchModel } from './ai-sdk-direct.client';
import { ConduitClient } from './conduit.client';

/**
 * nestjs-conduit with `fromAiSdk(@ai-sdk/openai-compatible model)` as its default model, no
 * interceptors: every call goes through ChatService, the adapter and the AI SDK provider, as a
 * user's would. The calls are `ConduitClient`'s, so both variants are measured alike.
 */
export function startAiSdkConduitClient(baseUrl: string): Promise<ConduitClient> {
  return ConduitClient.start(fromAiSdk(aiSdkBenchModel(baseUrl)), []);
}
