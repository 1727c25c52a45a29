import type {
  AssistantMessage,
  CacheControl,
  CallWarning,
  FilePart,
  ImagePart,
  Message,
  UserContentPart,
  UserMessage,
} from '../../core';
import { partSource, unsupportedPart, type PartLocation } from '../shared/user-parts';
import { markLastBlock, toAnthropicCacheControl } from './anthropic-cache-control';

/** One content block of a Messages API turn (`text`, `image`, `tool_use`, `tool_result`, ...). */
export type AnthropicBlock = Record<string, unknown>;

/** A turn as sent on the wire. A single plain-text message stays a string, as the API allows. */
export interface AnthropicTurn {
  readonly role: 'user' | 'assistant';
  content: string | AnthropicBlock[];
}

/** The `system` and `messages` fields of a Messages API body, plus what could not be sent. */
export interface AnthropicPrompt {
  /** Text blocks of every system message, in order; `undefined` when there is none. */
  readonly system: AnthropicBlock[] | undefined;
  readonly messages: AnthropicTurn[];
  readonly warnings: CallWarning[];
}

/** What one message adds to its turn: a plain string, or blocks. */
type Contribution = string | AnthropicBlock[];

const DATA_URL = /^data:([^;,]+);base64,(.*)$/s;

function imageBlock(part: ImagePart): AnthropicBlock {
  if ('data' in part) {
    return {
      type: 'image',
      source: { type: 'base64', media_type: part.mediaType, data: part.data },
    };
  }
  // A data: URL carries the bytes; the API only fetches http(s) URLs itself.
  const inline = DATA_URL.exec(part.url);
  if (inline !== null) {
    return { type: 'image', source: { type: 'base64', media_type: inline[1], data: inline[2] } };
  }
  return { type: 'image', source: { type: 'url', url: part.url } };
}

/** What shapes a `document` block besides the part itself. */
export interface AnthropicDocumentOptions {
  /** `citations: { enabled: true }` on every document (`providerOptions.anthropic.citations`). */
  readonly citations?: boolean;
}

/** Media types the Messages API takes as `document` blocks. */
const DOCUMENT_TYPES: ReadonlySet<string> = new Set(['application/pdf', 'text/plain']);

function documentSource(part: FilePart): Record<string, unknown> {
  const source = partSource(part);
  if (source.kind === 'url') return { type: 'url', url: source.url };
  // Plain text goes as text: the API's base64 sources are for PDFs.
  if (part.mediaType === 'text/plain') {
    return {
      type: 'text',
      media_type: 'text/plain',
      data: Buffer.from(source.data, 'base64').toString('utf8'),
    };
  }
  return { type: 'base64', media_type: part.mediaType, data: source.data };
}

function documentBlock(
  part: FilePart,
  at: PartLocation,
  options: AnthropicDocumentOptions,
): AnthropicBlock {
  if (!DOCUMENT_TYPES.has(part.mediaType)) {
    throw unsupportedPart(part, at, 'Anthropic documents are PDFs or text/plain');
  }
  if (partSource(part).kind === 'url' && part.mediaType !== 'application/pdf') {
    throw unsupportedPart(part, at, 'Anthropic fetches PDFs only by URL; send text as data');
  }
  const block: AnthropicBlock = { type: 'document', source: documentSource(part) };
  if (part.filename !== undefined) block['title'] = part.filename;
  if (options.citations === true) block['citations'] = { enabled: true };
  return block;
}

/** Collects warnings, each setting reported once per call. */
class WarningList {
  readonly list: CallWarning[] = [];
  private readonly seen = new Set<string>();

  add(setting: string, message: string): void {
    if (this.seen.has(setting)) return;
    this.seen.add(setting);
    this.list.push({ setting, message });
  }
}

/** What converting one user message needs besides the message. */
interface UserContext {
  readonly warnings: WarningList;
  readonly model: string;
  readonly messageIndex: number;
  readonly documents: AnthropicDocumentOptions;
}

function userContribution(message: UserMessage, context: UserContext): Contribution {
  const { warnings, model, messageIndex } = context;
  if (message.name !== undefined) {
    warnings.add('messages.name', 'Anthropic has no participant names; `name` was not sent');
  }
  if (typeof message.content === 'string') return message.content;
  return message.content.map((part: UserContentPart, partIndex): AnthropicBlock => {
    const at = { model, messageIndex, partIndex };
    switch (part.type) {
      case 'text':
        return { type: 'text', text: part.text };
      case 'file':
        return documentBlock(part, at, context.documents);
      case 'audio':
        throw unsupportedPart(part, at, 'the Messages API has no audio input');
      case 'image':
        if (part.detail !== undefined) {
          warnings.add(
            'image.detail',
            'Anthropic has no image detail level; `detail` was not sent',
          );
        }
        return imageBlock(part);
    }
  });
}

function assistantContribution(message: AssistantMessage, warnings: WarningList): Contribution {
  const toolCalls = message.toolCalls ?? [];
  if (typeof message.content === 'string' && toolCalls.length === 0) return message.content;
  const blocks: AnthropicBlock[] = [];
  const parts =
    typeof message.content === 'string'
      ? [{ type: 'text' as const, text: message.content }]
      : message.content;
  for (const part of parts) {
    if (part.type === 'text') {
      // The API rejects empty text blocks.
      if (part.text !== '') blocks.push({ type: 'text', text: part.text });
    } else if (part.redactedData !== undefined) {
      blocks.push({ type: 'redacted_thinking', data: part.redactedData });
    } else if (part.signature !== undefined && part.signature !== '') {
      // Sent back exactly as received: the signature authenticates this very text.
      blocks.push({ type: 'thinking', thinking: part.text, signature: part.signature });
    } else {
      warnings.add(
        'reasoning',
        'reasoning without an Anthropic signature (from another provider?) cannot be sent back and was left out',
      );
    }
  }
  for (const call of toolCalls) {
    blocks.push({ type: 'tool_use', id: call.id, name: call.name, input: call.arguments });
  }
  return blocks;
}

function toBlocks(content: Contribution): AnthropicBlock[] {
  if (typeof content !== 'string') return content;
  return content === '' ? [] : [{ type: 'text', text: content }];
}

/** Marks the last block of a contribution; a string becomes a text block to carry the mark. */
function markLast(
  content: Contribution,
  control: CacheControl,
  index: number,
  warnings: WarningList,
): Contribution {
  const blocks = toBlocks(content);
  if (markLastBlock(blocks, control)) return blocks;
  warnings.add(
    `messages[${index}].cacheControl`,
    'the message has no content block to carry the cache breakpoint; it was not sent',
  );
  return content;
}

/** Adds a contribution to the conversation, merging it into the last turn when the role repeats. */
function append(turns: AnthropicTurn[], role: 'user' | 'assistant', content: Contribution): void {
  const last = turns[turns.length - 1];
  if (last === undefined || last.role !== role) {
    turns.push({ role, content });
    return;
  }
  last.content = [...toBlocks(last.content), ...toBlocks(content)];
}

/**
 * Converts conversation messages to the Messages API `system` and `messages` fields.
 *
 * - System messages become text blocks of the top-level `system` (one a message, in order). One
 *   that comes after the conversation started is moved there too, with a warning: the API has no
 *   system turns.
 * - Consecutive messages of the same role are merged into one turn, as the API requires. Tool
 *   results are `tool_result` blocks (`is_error` kept) of a user turn, so several tool messages and
 *   a following user message make one turn.
 * - Assistant tool calls become `tool_use` blocks after the text. Reasoning parts are passed back
 *   unmodified: with a signature as `thinking` blocks, redacted ones as `redacted_thinking`;
 *   reasoning without a signature cannot be verified by the API and is left out with a warning.
 * - Images: base64 parts and `data:` URLs as base64 sources, other URLs as URL sources.
 * - Files: PDFs and `text/plain` as `document` blocks (base64 / URL sources for PDFs, a text
 *   source for plain text; `filename` as `title`; `citations` when `documents.citations`). Audio
 *   and other media types throw an `UnsupportedContentError` naming `model`.
 * - `cacheControl` on a message (or its position in `breakpoints`) puts `cache_control` on the
 *   last block it produced; a plain string becomes a text block to carry it.
 */
export function convertToAnthropicMessages(
  messages: readonly Message[],
  breakpoints: ReadonlyMap<number, CacheControl> = new Map(),
  model = 'anthropic',
  documents: AnthropicDocumentOptions = {},
): AnthropicPrompt {
  const warnings = new WarningList();
  const system: AnthropicBlock[] = [];
  const turns: AnthropicTurn[] = [];

  messages.forEach((message, index) => {
    const control = message.cacheControl ?? breakpoints.get(index);
    if (message.role === 'system') {
      if (turns.length > 0) {
        warnings.add(
          'messages.system',
          'Anthropic has no system turns: system messages after the first user or assistant message were moved to the top-level system prompt',
        );
      }
      const block: AnthropicBlock = { type: 'text', text: message.content };
      if (control !== undefined) block['cache_control'] = toAnthropicCacheControl(control);
      system.push(block);
      return;
    }
    let content: Contribution;
    let role: 'user' | 'assistant' = 'user';
    if (message.role === 'user') {
      content = userContribution(message, { warnings, model, messageIndex: index, documents });
    } else if (message.role === 'assistant') {
      role = 'assistant';
      content = assistantContribution(message, warnings);
    } else {
      const result: AnthropicBlock = {
        type: 'tool_result',
        tool_use_id: message.toolCallId,
        content: message.content,
      };
      if (message.isError === true) result['is_error'] = true;
      content = [result];
    }
    if (control !== undefined) content = markLast(content, control, index, warnings);
    append(turns, role, content);
  });

  return {
    system: system.length > 0 ? system : undefined,
    messages: turns,
    warnings: warnings.list,
  };
}
