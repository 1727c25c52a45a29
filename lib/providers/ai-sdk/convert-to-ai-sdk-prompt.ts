import type {
  AssistantMessage,
  AudioPart,
  CacheControl,
  FilePart,
  ImagePart,
  Message,
  ReasoningPart,
  ToolMessage,
  UserContentPart,
} from '../../core';
import type {
  LanguageModelV3Message,
  LanguageModelV3Prompt,
  SharedV3ProviderOptions,
} from './ai-sdk-spec.types';

type UserPart = Extract<LanguageModelV3Message, { role: 'user' }>['content'][number];
type AssistantPart = Extract<LanguageModelV3Message, { role: 'assistant' }>['content'][number];
type ToolResultPart = Extract<LanguageModelV3Message, { role: 'tool' }>['content'][number];
type PartOptions = { providerOptions?: SharedV3ProviderOptions };

const DATA_URL = /^data:([^;,]+);base64,(.*)$/s;

/**
 * Our messages as the AI SDK prompt (the same shape in spec V2 and V3 for every part produced
 * here). Images, documents and audio become `file` parts with their media type (a URL as a `URL`, base64 and `data:` URLs as base64 with
 * their media type); a reasoning signature or redacted data and a cache breakpoint travel in
 * `providerOptions.anthropic`, an image `detail` in `providerOptions.openai.imageDetail`, where
 * those providers read them. Consecutive tool results are sent as one tool message.
 */
export function convertToAiSdkPrompt(messages: readonly Message[]): LanguageModelV3Prompt {
  const prompt: LanguageModelV3Message[] = [];
  const toolNames = new Map<string, string>();
  for (const message of messages) {
    switch (message.role) {
      case 'system':
        prompt.push({
          role: 'system',
          content: message.content,
          ...cacheOptions(message.cacheControl),
        });
        break;
      case 'user':
        prompt.push({
          role: 'user',
          content:
            typeof message.content === 'string'
              ? [{ type: 'text', text: message.content }]
              : message.content.map(toUserPart),
          ...cacheOptions(message.cacheControl),
        });
        break;
      case 'assistant':
        for (const call of message.toolCalls ?? []) toolNames.set(call.id, call.name);
        prompt.push({
          role: 'assistant',
          content: toAssistantParts(message),
          ...cacheOptions(message.cacheControl),
        });
        break;
      case 'tool': {
        const part = toToolResult(message, toolNames);
        const last = prompt[prompt.length - 1];
        if (last?.role === 'tool' && message.cacheControl === undefined) last.content.push(part);
        else prompt.push({ role: 'tool', content: [part], ...cacheOptions(message.cacheControl) });
        break;
      }
    }
  }
  return prompt;
}

function cacheOptions(cacheControl: CacheControl | undefined): PartOptions {
  if (cacheControl === undefined) return {};
  return { providerOptions: { anthropic: { cacheControl: cacheControlOption(cacheControl) } } };
}

/** Anthropic's cache breakpoint as the AI SDK Anthropic provider reads it (plain JSON). */
export function cacheControlOption(cacheControl: CacheControl): { type: string; ttl?: string } {
  return {
    type: cacheControl.type,
    ...(cacheControl.ttl !== undefined && { ttl: cacheControl.ttl }),
  };
}

/** Audio formats as media types (the AI SDK providers pick their input format from it). */
const AUDIO_MEDIA_TYPES: Readonly<Record<AudioPart['format'], string>> = {
  wav: 'audio/wav',
  mp3: 'audio/mpeg',
  flac: 'audio/flac',
  ogg: 'audio/ogg',
  webm: 'audio/webm',
  aac: 'audio/aac',
  m4a: 'audio/mp4',
};

function toUserPart(part: UserContentPart): UserPart {
  switch (part.type) {
    case 'text':
      return { type: 'text', text: part.text };
    case 'image':
      return toImagePart(part);
    case 'file':
      return toFilePart(part);
    case 'audio':
      return { type: 'file', data: part.data, mediaType: AUDIO_MEDIA_TYPES[part.format] };
  }
}

function toFilePart(part: FilePart): UserPart {
  const filename = part.filename === undefined ? {} : { filename: part.filename };
  if ('data' in part)
    return { type: 'file', data: part.data, mediaType: part.mediaType, ...filename };
  return { type: 'file', data: new URL(part.url), mediaType: part.mediaType, ...filename };
}

function toImagePart(part: ImagePart): UserPart {
  const detail =
    part.detail === undefined ? {} : { providerOptions: { openai: { imageDetail: part.detail } } };
  if ('data' in part)
    return { type: 'file', data: part.data, mediaType: part.mediaType, ...detail };
  const inline = DATA_URL.exec(part.url);
  if (inline !== null) {
    return { type: 'file', data: inline[2] ?? '', mediaType: inline[1] ?? 'image/*', ...detail };
  }
  // The AI SDK's own convention for an image whose type only the server knows.
  return { type: 'file', data: new URL(part.url), mediaType: 'image/*', ...detail };
}

function toAssistantParts(message: AssistantMessage): AssistantPart[] {
  const parts: AssistantPart[] =
    typeof message.content === 'string'
      ? message.content === ''
        ? []
        : [{ type: 'text', text: message.content }]
      : message.content.map((part) =>
          part.type === 'text' ? { type: 'text', text: part.text } : toReasoningPart(part),
        );
  for (const call of message.toolCalls ?? []) {
    parts.push({
      type: 'tool-call',
      toolCallId: call.id,
      toolName: call.name,
      input: call.arguments,
    });
  }
  return parts;
}

function toReasoningPart(part: ReasoningPart): AssistantPart {
  const anthropic = {
    ...(part.signature !== undefined && { signature: part.signature }),
    ...(part.redactedData !== undefined && { redactedData: part.redactedData }),
  };
  return {
    type: 'reasoning',
    text: part.text,
    ...(Object.keys(anthropic).length > 0 && { providerOptions: { anthropic } }),
  };
}

function toToolResult(
  message: ToolMessage,
  toolNames: ReadonlyMap<string, string>,
): ToolResultPart {
  return {
    type: 'tool-result',
    toolCallId: message.toolCallId,
    // The spec requires the name; an older history may carry it only on the assistant's call.
    toolName: message.toolName ?? toolNames.get(message.toolCallId) ?? '',
    output:
      message.isError === true
        ? { type: 'error-text', value: message.content }
        : { type: 'text', value: message.content },
  };
}
