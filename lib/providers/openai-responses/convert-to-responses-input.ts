import type {
  AssistantMessage,
  Message,
  ReasoningPart,
  ToolCall,
  UserContentPart,
  UserMessage,
} from '../../core';
import {
  defaultFilename,
  partSource,
  unsupportedPart,
  type PartLocation,
} from '../shared/user-parts';

/** One item of a Responses API `input` list, as sent on the wire. */
export type ResponsesInputItem = Readonly<Record<string, unknown>>;

/**
 * Media types `input_file` takes: PDFs (text and page images), text-like files (text only) and
 * office documents and spreadsheets, per OpenAI's file inputs guide.
 */
const RESPONSES_FILE_TYPES: ReadonlySet<string> = new Set([
  'application/pdf',
  'application/json',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
]);

function isResponsesFileType(mediaType: string): boolean {
  return mediaType.startsWith('text/') || RESPONSES_FILE_TYPES.has(mediaType);
}

function convertUserPart(part: UserContentPart, at: PartLocation): Record<string, unknown> {
  switch (part.type) {
    case 'text':
      return { type: 'input_text', text: part.text };
    case 'image': {
      const url = 'url' in part ? part.url : `data:${part.mediaType};base64,${part.data}`;
      return { type: 'input_image', image_url: url, detail: part.detail ?? 'auto' };
    }
    case 'file': {
      if (!isResponsesFileType(part.mediaType)) {
        throw unsupportedPart(
          part,
          at,
          'the Responses API takes PDFs, text and office documents (docx, pptx, xlsx) as files',
        );
      }
      const filename = part.filename ?? defaultFilename(part.mediaType);
      const source = partSource(part);
      return source.kind === 'url'
        ? { type: 'input_file', file_url: source.url, filename }
        : {
            type: 'input_file',
            filename,
            file_data: `data:${part.mediaType};base64,${source.data}`,
          };
    }
    case 'audio':
      // Audio input is a Chat Completions feature (gpt-4o-audio-*); `input` has no audio part.
      throw unsupportedPart(part, at, 'the Responses API has no audio input; use Chat Completions');
  }
}

function convertUser(
  message: UserMessage,
  model: string,
  messageIndex: number,
): ResponsesInputItem {
  return typeof message.content === 'string'
    ? { role: 'user', content: message.content }
    : {
        role: 'user',
        content: message.content.map((part, partIndex) =>
          convertUserPart(part, { model, messageIndex, partIndex }),
        ),
      };
}

/** A reasoning item being rebuilt from the parts of one id. */
type ReasoningItem = {
  type: 'reasoning';
  id: string;
  summary: { type: 'summary_text'; text: string }[];
  encrypted_content?: string;
};

/** The `rs_...` item id of a reasoning part that came from the Responses API, else undefined. */
function responsesItemId(part: ReasoningPart): string | undefined {
  return part.signature?.startsWith('rs_') === true ? part.signature : undefined;
}

/** Keeps the model's exact argument text when known, so a round trip changes nothing. */
function convertToolCall(call: ToolCall): ResponsesInputItem {
  const args = call.rawArguments !== '' ? call.rawArguments : JSON.stringify(call.arguments);
  return { type: 'function_call', call_id: call.id, name: call.name, arguments: args };
}

/**
 * An assistant turn becomes its reasoning items, its text as one message, then its function calls.
 * Reasoning parts carry their item id in `signature`; the encrypted reasoning, when it was asked
 * for, is a part of its own with the same id: parts of one id make one `reasoning` item. Parts from
 * other providers (no `rs_` id) cannot be replayed here and are dropped.
 */
function convertAssistant(message: AssistantMessage): ResponsesInputItem[] {
  const items: ResponsesInputItem[] = [];
  let text = '';
  let current: ReasoningItem | undefined;
  const parts = typeof message.content === 'string' ? [] : message.content;
  if (typeof message.content === 'string') text = message.content;
  for (const part of parts) {
    if (part.type === 'text') {
      text += part.text;
      continue;
    }
    const id = responsesItemId(part);
    if (id === undefined) continue;
    if (current?.id !== id) {
      current = { type: 'reasoning', id, summary: [] };
      items.push(current);
    }
    if (part.text !== '') current.summary.push({ type: 'summary_text', text: part.text });
    if (part.redactedData !== undefined) current.encrypted_content = part.redactedData;
  }
  if (text !== '') items.push({ role: 'assistant', content: text });
  for (const call of message.toolCalls ?? []) items.push(convertToolCall(call));
  return items;
}

/**
 * Converts conversation messages to Responses API `input` items: system and user messages as
 * role messages (images as `input_image`, base64 as `data:` URLs; files (PDF, text, office) as
 * `input_file` with `file_data` or `file_url` and a `filename`; audio throws an `UnsupportedContentError` naming
 * `model`, as the API has no audio input), assistant turns as reasoning
 * items + an assistant message + `function_call` items, and tool results as
 * `function_call_output` items keyed by `call_id`.
 */
export function convertToResponsesInput(
  messages: readonly Message[],
  model = 'openai',
): ResponsesInputItem[] {
  return messages.flatMap((message, index): ResponsesInputItem[] => {
    switch (message.role) {
      case 'system':
        return [{ role: 'system', content: message.content }];
      case 'user':
        return [convertUser(message, model, index)];
      case 'assistant':
        return convertAssistant(message);
      case 'tool':
        return [
          { type: 'function_call_output', call_id: message.toolCallId, output: message.content },
        ];
    }
  });
}
