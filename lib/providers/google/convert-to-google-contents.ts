import type {
  AssistantMessage,
  AudioPart,
  FilePart,
  ImagePart,
  Message,
  ToolCall,
  ToolMessage,
  UserContentPart,
} from '../../core';

/** One `Part` of a Gemini `Content`, as sent. */
export type GoogleWirePart = Record<string, unknown>;

/** One turn of `contents`. */
export interface GoogleContent {
  readonly role: 'user' | 'model';
  readonly parts: GoogleWirePart[];
}

/** The conversation as the API takes it: the system prompt apart, the turns in `contents`. */
export interface GoogleContents {
  readonly systemInstruction?: { readonly parts: readonly GoogleWirePart[] };
  readonly contents: GoogleContent[];
}

/**
 * The prefix of tool-call ids this library makes up when Gemini sends a `functionCall` without an
 * `id` (most models do): such ids are not sent back, since Gemini never issued them.
 */
export const GOOGLE_GENERATED_CALL_ID_PREFIX = 'gemcall_';

const EXTENSION_MEDIA_TYPES: Readonly<Record<string, string>> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  heic: 'image/heic',
  heif: 'image/heif',
};

/** `data:image/png;base64,AAAA` -> its media type and bytes; `undefined` for other URLs. */
function parseDataUrl(url: string): { mimeType: string; data: string } | undefined {
  const match = /^data:([^;,]+);base64,(.*)$/s.exec(url);
  return match === null ? undefined : { mimeType: match[1], data: match[2] };
}

/**
 * An image part: base64 bytes and `data:` URLs go inline (`inlineData`); other URLs (a Files API
 * URI, a Cloud Storage or public https URL) as `fileData`, with a media type guessed from the
 * extension when it has a known one.
 */
export function googleImagePart(part: ImagePart): GoogleWirePart {
  if ('data' in part) return { inlineData: { mimeType: part.mediaType, data: part.data } };
  const inline = parseDataUrl(part.url);
  if (inline !== undefined) return { inlineData: inline };
  const extension = /\.([a-z0-9]+)(?:[?#].*)?$/i.exec(part.url)?.[1]?.toLowerCase();
  const mimeType = extension === undefined ? undefined : EXTENSION_MEDIA_TYPES[extension];
  return { fileData: { ...(mimeType !== undefined && { mimeType }), fileUri: part.url } };
}

/** Audio formats as the media types Gemini lists for audio input. */
const AUDIO_MEDIA_TYPES: Readonly<Record<AudioPart['format'], string>> = {
  wav: 'audio/wav',
  mp3: 'audio/mp3',
  flac: 'audio/flac',
  ogg: 'audio/ogg',
  webm: 'audio/webm',
  aac: 'audio/aac',
  m4a: 'audio/mp4',
};

/**
 * A file part (a PDF, text, a video...): base64 bytes and `data:` URLs inline, other URLs (a
 * Files API URI, a public or Cloud Storage URL) as `fileData`. Gemini takes any media type its
 * models read; `filename` has no field in the Generative Language API and is not sent.
 */
export function googleFilePart(part: FilePart): GoogleWirePart {
  if ('data' in part) return { inlineData: { mimeType: part.mediaType, data: part.data } };
  const inline = parseDataUrl(part.url);
  if (inline !== undefined) return { inlineData: { mimeType: part.mediaType, data: inline.data } };
  return { fileData: { mimeType: part.mediaType, fileUri: part.url } };
}

function userPart(part: UserContentPart): GoogleWirePart {
  switch (part.type) {
    case 'text':
      return { text: part.text };
    case 'image':
      return googleImagePart(part);
    case 'file':
      return googleFilePart(part);
    case 'audio':
      return { inlineData: { mimeType: AUDIO_MEDIA_TYPES[part.format], data: part.data } };
  }
}

function userParts(content: string | readonly UserContentPart[]): GoogleWirePart[] {
  if (typeof content === 'string') return [{ text: content }];
  return content.map(userPart);
}

function functionCallPart(call: ToolCall): GoogleWirePart {
  const sendId = !call.id.startsWith(GOOGLE_GENERATED_CALL_ID_PREFIX) && call.id !== '';
  return {
    functionCall: { ...(sendId && { id: call.id }), name: call.name, args: call.arguments },
  };
}

/**
 * An assistant turn back on the wire, thought signatures where Gemini put them. The rule (the
 * one the response mapping follows, see `googlePartEvents`): a reasoning part's `signature`
 * belongs to the next wire part after the part's own text: the next text part, else the first
 * function call; with none after it, to the reasoning part itself. A reasoning part with text
 * goes back as a thought part (`thought: true`); `redactedData` (Anthropic's) is not Gemini's and
 * is skipped.
 */
function modelParts(message: AssistantMessage): GoogleWirePart[] {
  const parts: GoogleWirePart[] = [];
  let pending: string | undefined;
  const push = (part: GoogleWirePart): void => {
    if (pending !== undefined) part['thoughtSignature'] = pending;
    pending = undefined;
    parts.push(part);
  };
  const content =
    typeof message.content === 'string'
      ? [{ type: 'text' as const, text: message.content }]
      : message.content;
  for (const part of content) {
    if (part.type === 'text') {
      if (part.text !== '' || pending !== undefined) push({ text: part.text });
      continue;
    }
    if (part.redactedData !== undefined) continue;
    if (part.text !== '') push({ text: part.text, thought: true });
    if (part.signature !== undefined) {
      // Two signatures in a row with no part between: the first had a part of its own.
      if (pending !== undefined) push({ text: '' });
      pending = part.signature;
    }
  }
  for (const call of message.toolCalls ?? []) push(functionCallPart(call));
  if (pending !== undefined) {
    const last = parts[parts.length - 1];
    if (last !== undefined && last['thoughtSignature'] === undefined) {
      last['thoughtSignature'] = pending;
    } else {
      parts.push({ text: '', thoughtSignature: pending });
    }
  }
  return parts;
}

/** Parses a tool result that is JSON; other text stays a string. */
function resultValue(content: string): unknown {
  try {
    return JSON.parse(content) as unknown;
  } catch {
    return content;
  }
}

/**
 * A tool result as a `functionResponse`: `{ output }`, or `{ error }` when the tool failed (the
 * keys Gemini's function-calling guide names). The name comes from `toolName`, else from the
 * call it answers.
 */
function functionResponsePart(
  message: ToolMessage,
  callNames: ReadonlyMap<string, string>,
): GoogleWirePart {
  const sendId = !message.toolCallId.startsWith(GOOGLE_GENERATED_CALL_ID_PREFIX);
  const value = resultValue(message.content);
  return {
    functionResponse: {
      ...(sendId && message.toolCallId !== '' && { id: message.toolCallId }),
      name: message.toolName ?? callNames.get(message.toolCallId) ?? '',
      response: message.isError === true ? { error: value } : { output: value },
    },
  };
}

/**
 * Converts messages to Gemini's `systemInstruction` and `contents`: system messages (wherever they
 * stand) become the system instruction's parts, in order; user turns and tool results are `user`
 * contents (images, files and audio as `inlineData` / `fileData`), assistant turns `model` contents; adjacent turns of one role are merged (tool results
 * of parallel calls go back together, as Gemini expects). `cacheControl` and `name` have no Gemini
 * field and are ignored (Gemini caches prompt prefixes on its own).
 */
export function convertToGoogleContents(messages: readonly Message[]): GoogleContents {
  const system: GoogleWirePart[] = [];
  const contents: GoogleContent[] = [];
  const callNames = new Map<string, string>();
  const append = (role: 'user' | 'model', parts: GoogleWirePart[]): void => {
    const last = contents[contents.length - 1];
    if (last?.role === role) last.parts.push(...parts);
    else contents.push({ role, parts });
  };
  for (const message of messages) {
    switch (message.role) {
      case 'system':
        system.push({ text: message.content });
        break;
      case 'user':
        append('user', userParts(message.content));
        break;
      case 'assistant':
        for (const call of message.toolCalls ?? []) callNames.set(call.id, call.name);
        append('model', modelParts(message));
        break;
      case 'tool':
        append('user', [functionResponsePart(message, callNames)]);
        break;
    }
  }
  return {
    ...(system.length > 0 && { systemInstruction: { parts: system } }),
    contents,
  };
}
