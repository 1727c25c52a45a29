import {
  ConduitValidationError,
  type ValidationIssue,
} from '../core/errors/conduit-validation.error';
import { checkLimit, finiteOrZero } from '../core/store-limits';
import {
  DEFAULT_CONVERSATION_TTL_MS,
  DEFAULT_MAX_MESSAGES_PER_CONVERSATION,
} from './conversation-limits';
import { ConversationStore } from './conversation.store';
import type {
  ConversationEntry,
  ConversationSummary,
  StoredConversation,
} from './conversation.types';
import type { RedisConversationClient } from './redis-conversation-client.types';
import {
  APPEND_SCRIPT,
  DELETE_SCRIPT,
  READ_SCRIPT,
  REPLACE_SCRIPT,
  SAVE_SUMMARY_SCRIPT,
} from './redis-conversation.scripts';

/**
 * Options of `RedisConversationStore`. Every bound has a default, so a conversation cannot grow
 * or live without end; pass `Infinity` to lift one. (How many conversations Redis holds is
 * Redis's own business: `maxmemory` and its eviction policy.)
 */
export interface RedisConversationStoreOptions {
  /** A connected client, e.g. `new Redis(process.env.REDIS_URL)` from `ioredis`. Not closed by the store. */
  readonly client: RedisConversationClient;
  /** Prefix of every key. Default `conduit:conversation:`. */
  readonly keyPrefix?: string;
  /**
   * Redis expires a conversation this many ms after its last write (sliding). Default 24 hours;
   * `Infinity`: never.
   */
  readonly ttlMs?: number;
  /**
   * Most entries kept per conversation. Default 1,000. Past it, the oldest are dropped by the
   * append itself (atomically, in its Lua script); the leading system messages stay, and a tool
   * result never loses its call. The strategies decide what the model is sent; this bounds what
   * is stored.
   */
  readonly maxMessagesPerConversation?: number;
}

const LOG_SUFFIX = ':log';

/**
 * A `ConversationStore` in Redis, so that every instance of an app shares the conversations. The
 * log is a Redis list appended with RPUSH inside a Lua script: concurrent writers to one
 * conversation never lose an entry (a read-modify-write of one JSON value would). By default a
 * conversation keeps its newest 1,000 entries and expires 24 hours after its last write.
 *
 * @example
 * import Redis from 'ioredis';
 * ConduitMemoryModule.forRoot({ store: new RedisConversationStore({ client: new Redis(url), ttlMs: 7 * 86_400_000 }) })
 */
export class RedisConversationStore extends ConversationStore {
  protected readonly client: RedisConversationClient;
  protected readonly keyPrefix: string;
  /** Sent to the scripts: milliseconds, 0 for no expiry. */
  protected readonly ttlMs: number;
  /** Sent to the scripts: entries, 0 for no limit. */
  protected readonly maxMessagesPerConversation: number;

  constructor(options: RedisConversationStoreOptions) {
    super();
    const issues: ValidationIssue[] = [];
    if (typeof options.client?.eval !== 'function' || typeof options.client.scan !== 'function') {
      issues.push({
        path: 'client',
        message: 'must be a Redis client with eval and scan (ioredis)',
      });
    }
    checkLimit(options.ttlMs, 'ttlMs', issues);
    checkLimit(options.maxMessagesPerConversation, 'maxMessagesPerConversation', issues);
    if (issues.length > 0) {
      throw new ConduitValidationError(issues, 'Invalid RedisConversationStore options');
    }
    this.client = options.client;
    this.keyPrefix = options.keyPrefix ?? 'conduit:conversation:';
    this.ttlMs = finiteOrZero(options.ttlMs ?? DEFAULT_CONVERSATION_TTL_MS);
    this.maxMessagesPerConversation = finiteOrZero(
      options.maxMessagesPerConversation ?? DEFAULT_MAX_MESSAGES_PER_CONVERSATION,
    );
  }

  async read(conversationId: string): Promise<StoredConversation | undefined> {
    const reply = await this.client.eval(READ_SCRIPT, 2, ...this.keys(conversationId));
    const [rawEntries, text, upTo] = Array.isArray(reply) ? (reply as unknown[]) : [];
    if (!Array.isArray(rawEntries) || rawEntries.length === 0) return undefined;
    const entries = rawEntries.map((raw) => JSON.parse(String(raw)) as ConversationEntry);
    if (typeof text !== 'string' || upTo === null || upTo === undefined) return { entries };
    return { entries, summary: { text, upTo: Number(upTo) } };
  }

  async append(conversationId: string, entries: readonly ConversationEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await this.client.eval(
      APPEND_SCRIPT,
      2,
      ...this.keys(conversationId),
      this.ttlMs,
      this.maxMessagesPerConversation,
      ...entries.map((entry) => JSON.stringify(entry)),
    );
  }

  async saveSummary(conversationId: string, summary: ConversationSummary): Promise<boolean> {
    const written = await this.client.eval(
      SAVE_SUMMARY_SCRIPT,
      2,
      ...this.keys(conversationId),
      summary.text,
      summary.upTo,
      this.ttlMs,
    );
    return written === 1;
  }

  async replace(conversationId: string, conversation: StoredConversation): Promise<void> {
    await this.client.eval(
      REPLACE_SCRIPT,
      2,
      ...this.keys(conversationId),
      this.ttlMs,
      this.maxMessagesPerConversation,
      conversation.summary?.text ?? '',
      conversation.summary?.upTo ?? 0,
      ...conversation.entries.map((entry) => JSON.stringify(entry)),
    );
  }

  async delete(conversationId: string): Promise<void> {
    await this.client.eval(DELETE_SCRIPT, 2, ...this.keys(conversationId));
  }

  async ids(): Promise<string[]> {
    const found = new Set<string>();
    let cursor = '0';
    do {
      const [next, keys] = await this.client.scan(
        cursor,
        'MATCH',
        `${escapeGlob(this.keyPrefix)}*${LOG_SUFFIX}`,
        'COUNT',
        500,
      );
      for (const key of keys) {
        found.add(key.slice(this.keyPrefix.length, key.length - LOG_SUFFIX.length));
      }
      cursor = next;
    } while (cursor !== '0');
    return [...found];
  }

  /** The log and summary keys of a conversation. */
  protected keys(conversationId: string): [log: string, summary: string] {
    const base = this.keyPrefix + conversationId;
    return [base + LOG_SUFFIX, `${base}:summary`];
  }
}

/** SCAN patterns are globs: a prefix containing `*`, `?` or `[` must match literally. */
function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, (char) => `\\${char}`);
}
