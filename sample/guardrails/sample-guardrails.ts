import {
  PiiRedactionGuardrail,
  TopicGuardrail,
  type ChatModel,
  type ChatService,
  type ConduitInterceptor,
} from 'nestjs-conduit';
import { LOCAL_DEMO_MODEL_ID } from '../local-demo-model';

/** Token of the guardrails `POST /guarded-chat` runs with (a `ConduitInterceptor[]`). */
export const SAMPLE_GUARDRAILS = Symbol('sample:guardrails');

/**
 * The sample's guardrails: PII redaction on the prompt and the answer (emails, phone numbers,
 * cards, IBANs, API keys never reach the model, the client or the logs), and, with a real model,
 * a topic judge that keeps the route on NestJS and this library. The local demo model cannot
 * judge (it does not answer in JSON), so offline the route runs with PII redaction only.
 */
export function sampleGuardrails(chat: ChatService, model: ChatModel): ConduitInterceptor[] {
  const pii = new PiiRedactionGuardrail({ mode: 'buffer' });
  if (model.info().modelId === LOCAL_DEMO_MODEL_ID) return [pii];
  const topics = new TopicGuardrail(
    { allowed: ['NestJS', 'TypeScript', 'LLM features of web back ends'], failMode: 'open' },
    chat,
  );
  return [pii, topics];
}
