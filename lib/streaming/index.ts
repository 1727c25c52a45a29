/**
 * nestjs-conduit stream operators: collect, text deltas, SSE, WebSocket events, async iterators,
 * merged deltas, and batched SSE writes.
 * Re-exported by the package root (`lib/index.ts`).
 */
export { collectStream } from './collect-stream';
export { textDeltas } from './text-deltas';
export { toSse, type IdentifiedSseEvent, type SseSourceEvent, type ToSseOptions } from './to-sse';
export { toWsEvents, type ToWsEventsOptions, type WsStreamResponse } from './to-ws-events';
export type { SocketIoLikeClient, WebSocketLikeClient, WsClient } from './ws-client.types';
export { toAsyncIterator } from './to-async-iterator';
export { coalesceDeltas } from './coalesce-deltas';
export { SseBatchingInterceptor } from './sse-batching.interceptor';
