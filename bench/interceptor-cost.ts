import { of } from 'rxjs';
import type { ChatModel } from '../lib/core/chat-model.interface';
import type { ChatResponse } from '../lib/core/chat-response.types';
import type { ConduitInterceptor } from '../lib/core/conduit-interceptor.interface';
import { startConduit } from './clients/conduit.client';

const ANSWER: ChatResponse = {
  id: 'x',
  model: 'm',
  text: 'ok',
  content: [{ type: 'text', text: 'ok' }],
  toolCalls: [],
  finishReason: 'stop',
  rawFinishReason: 'stop',
  usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 },
  warnings: [],
} as unknown as ChatResponse;

/** A model with no I/O, so the chain is all there is to measure. */
const memoryModel: ChatModel = {
  specificationVersion: 'v1',
  info: () =>
    ({
      provider: 'bench',
      modelId: 'memory',
      capabilities: {},
    }) as unknown as ReturnType<ChatModel['info']>,
  chat: () => Promise.resolve(ANSWER),
  stream: () => of(),
};

/** An interceptor that only passes the call on: the chain's own cost. */
const passThrough: ConduitInterceptor = { intercept: (_context, next) => next.handle() };

/**
 * CPU microseconds one pass-through interceptor adds to a `ChatService.chat` call: calls with 8
 * per-call interceptors minus calls with none, divided by 8 (best of 3 alternating rounds).
 */
export async function measureInterceptorCost(): Promise<{
  perCallUs: number;
  perInterceptorUs: number;
}> {
  const { app, chat } = await startConduit(memoryModel, []);
  const eight = Array.from({ length: 8 }, () => passThrough);
  const cpuPerCall = async (
    interceptors: readonly ConduitInterceptor[],
    calls: number,
  ): Promise<number> => {
    const before = process.cpuUsage();
    for (let i = 0; i < calls; i++) await chat.chat('hi', { interceptors });
    const used = process.cpuUsage(before);
    return (used.user + used.system) / calls;
  };
  await cpuPerCall(eight, 5000);
  await cpuPerCall([], 5000);
  let bare = Infinity;
  let chained = Infinity;
  for (let round = 0; round < 3; round++) {
    bare = Math.min(bare, await cpuPerCall([], 20_000));
    chained = Math.min(chained, await cpuPerCall(eight, 20_000));
  }
  await app.close();
  return { perCallUs: bare, perInterceptorUs: Math.max(0, (chained - bare) / 8) };
}
