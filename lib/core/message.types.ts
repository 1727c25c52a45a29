import type { CacheControl } from './cache-control.types';

/** The role of a message in a conversation. */
export type Role = 'system' | 'user' | 'assistant' | 'tool';

/** A piece of plain text inside a message. */
export interface TextPart {
  readonly type: 'text';
  readonly text: string;
}

/** An image given by URL (`https:` or `data:`) or as base64 bytes with their media type. */
export type ImagePart =
  | { readonly type: 'image'; readonly url: string; readonly detail?: 'auto' | 'low' | 'high' }
  | {
      readonly type: 'image';
      readonly data: string;
      readonly mediaType: 'image/jpeg' | 'image/png' | 'image/gif' | 'image/webp';
      readonly detail?: 'auto' | 'low' | 'high';
    };

/**
 * Model reasoning ("thinking") returned by reasoning models. Kept so it can be passed back
 * unchanged on the next turn of a tool loop (some providers require the signature).
 */
export interface ReasoningPart {
  readonly type: 'reasoning';
  readonly text: string;
  /** Provider signature that authenticates the reasoning when it is sent back. */
  readonly signature?: string;
  /** Opaque, encrypted reasoning the provider redacted; send it back as is. */
  readonly redactedData?: string;
}

/**
 * A document (PDF, plain text, ...) given as base64 bytes or by URL, with its media type.
 * Providers that cannot take a document of that type reject it before any request with an
 * `UnsupportedContentError`; nothing is silently dropped.
 */
export type FilePart =
  | {
      readonly type: 'file';
      /** Base64 bytes of the file (no `data:` prefix). */
      readonly data: string;
      /** IANA media type, e.g. `application/pdf`. */
      readonly mediaType: string;
      /** File name shown to the model where the provider takes one. */
      readonly filename?: string;
    }
  | {
      readonly type: 'file';
      /** An `https:` URL the provider fetches itself (where it supports that). */
      readonly url: string;
      readonly mediaType: string;
      readonly filename?: string;
    };

/** Audio input as base64 bytes in a named container format. */
export interface AudioPart {
  readonly type: 'audio';
  /** Base64 bytes of the audio (no `data:` prefix). */
  readonly data: string;
  /** Container format, e.g. `wav` or `mp3`. */
  readonly format: 'wav' | 'mp3' | 'flac' | 'ogg' | 'webm' | 'aac' | 'm4a';
}

/** Content a user may send: text, images, documents and audio. */
export type UserContentPart = TextPart | ImagePart | FilePart | AudioPart;

/** Content an assistant message may carry besides its tool calls. */
export type AssistantContentPart = TextPart | ReasoningPart;

/** A tool call requested by the model. */
export interface ToolCall {
  /** Provider id of the call; the matching tool message echoes it as `toolCallId`. */
  readonly id: string;
  /** Name of the tool to run. */
  readonly name: string;
  /** Parsed arguments. `{}` when the model sent an empty string. */
  readonly arguments: Record<string, unknown>;
  /** The argument string exactly as the model produced it (may be invalid JSON). */
  readonly rawArguments: string;
}

/** A system (developer) instruction. */
export interface SystemMessage {
  readonly role: 'system';
  readonly content: string;
  /** Prompt-cache breakpoint after this message (see `CacheControl`). */
  readonly cacheControl?: CacheControl;
}

/** A user turn: plain text or text and image parts. */
export interface UserMessage {
  readonly role: 'user';
  readonly content: string | readonly UserContentPart[];
  /** Optional participant name (forwarded where the provider supports it). */
  readonly name?: string;
  /** Prompt-cache breakpoint after this message (see `CacheControl`). */
  readonly cacheControl?: CacheControl;
}

/** An assistant turn, possibly with tool calls. */
export interface AssistantMessage {
  readonly role: 'assistant';
  readonly content: string | readonly AssistantContentPart[];
  readonly toolCalls?: readonly ToolCall[];
  /** Prompt-cache breakpoint after this message (see `CacheControl`). */
  readonly cacheControl?: CacheControl;
}

/** The result of one tool call, sent back to the model. */
export interface ToolMessage {
  readonly role: 'tool';
  /** The `id` of the tool call this message answers. */
  readonly toolCallId: string;
  readonly content: string;
  /** Name of the tool that produced the result (some providers want it). */
  readonly toolName?: string;
  /** True when the tool failed and `content` describes the error. */
  readonly isError?: boolean;
  /** Prompt-cache breakpoint after this message (see `CacheControl`). */
  readonly cacheControl?: CacheControl;
}

/** One message of a conversation: a discriminated union on `role`. */
export type Message = SystemMessage | UserMessage | AssistantMessage | ToolMessage;
