import { Test, type TestingModule } from '@nestjs/testing';
import { ChatService } from '../../lib/chat/chat.service';
import type { ChatModuleOptions } from '../../lib/chat/chat-module-options.types';
import { ConduitModule } from '../../lib/conduit.module';
import type { ConduitModuleRootOptions } from '../../lib/conduit-options.interface';
import { ReplayServer } from '../support/replay-server';
import type { FallbackAttempt } from '../../lib/chat/fallback-options.types';
import { errorBody } from '../faults/fault-bodies';
import { chatModelFor, type FaultWire } from '../faults/fault-harness';

/** Local fault servers, one a chat alias, and a ChatService whose models point at them. */
export interface FallbackRig {
  readonly chat: ChatService;
  readonly servers: Readonly<Record<string, ReplayServer>>;
  close(): Promise<void>;
}

/** `retry: false` (the built-in retry, when this version has it): one request a try. */
const RETRIES_OFF: Record<string, unknown> = { retry: false };

/** A 503 in the wire's own error shape: retryable, so it falls back and counts on a breaker. */
export function overloaded(wire: FaultWire): {
  status: number;
  body: string;
  headers: Record<string, string>;
} {
  return {
    status: 503,
    body: errorBody(wire, wire === 'openai' ? 'server_error' : 'api_error', 'Service unavailable'),
    headers: { 'content-type': 'application/json' },
  };
}

/** The tries an answer lists in `providerMetadata.conduit.fallback`. */
export function fallbackOf(metadata: unknown): readonly FallbackAttempt[] {
  return (metadata as { conduit?: { fallback?: FallbackAttempt[] } }).conduit?.fallback ?? [];
}

/** A clock the breakers read; `advance` moves it. */
export function manualClock(start = 1_000_000): { now: () => number; advance(ms: number): void } {
  let time = start;
  return {
    now: () => time,
    advance: (ms) => {
      time += ms;
    },
  };
}

/**
 * Starts one replay server an alias and `ConduitModule.forRoot` with `options` (fallbacks,
 * breakers...) on top, retries off so each server sees one request a try.
 */
export async function startFallbackRig(
  wire: FaultWire,
  aliases: readonly string[],
  options: Partial<ChatModuleOptions> = {},
  extra: Partial<ConduitModuleRootOptions> = {},
): Promise<FallbackRig> {
  const servers: Record<string, ReplayServer> = {};
  for (const alias of aliases) servers[alias] = await ReplayServer.start();
  const models = Object.fromEntries(
    aliases.map((alias) => [alias, chatModelFor(wire, servers[alias].baseUrl)]),
  );
  const module: TestingModule = await Test.createTestingModule({
    imports: [
      ConduitModule.forRoot({
        models,
        ...RETRIES_OFF,
        ...options,
        ...extra,
      }),
    ],
  }).compile();
  await module.init();
  return {
    chat: module.get(ChatService),
    servers,
    close: async () => {
      await module.close();
      for (const server of Object.values(servers)) await server.close();
    },
  };
}
