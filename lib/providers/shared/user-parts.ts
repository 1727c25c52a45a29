import {
  UnsupportedContentError,
  type FilePart,
  type ImagePart,
  type Message,
  type UserContentPart,
} from '../../core';

/** How a part is named in errors: `file (application/pdf)`, `audio (wav)`, `image (url)`. */
export function describePart(part: UserContentPart): string {
  switch (part.type) {
    case 'text':
      return 'text';
    case 'image':
      return 'data' in part ? `image (${part.mediaType})` : 'image (url)';
    case 'file':
      return `file (${part.mediaType}${'url' in part ? ', by url' : ''})`;
    case 'audio':
      return `audio (${part.format})`;
  }
}

/** Where a user part sits and which model was asked, for the error of a part that cannot be sent. */
export interface PartLocation {
  /** `provider:modelId`. */
  readonly model: string;
  readonly messageIndex: number;
  readonly partIndex: number;
}

/** The typed error for a part the wire format of this provider cannot carry. */
export function unsupportedPart(
  part: UserContentPart,
  at: PartLocation,
  reason: string,
): UnsupportedContentError {
  return new UnsupportedContentError({
    model: at.model,
    path: `messages[${at.messageIndex}].content[${at.partIndex}]`,
    part: describePart(part),
    reason,
  });
}

/** A file name for a file part sent without one: OpenAI asks for one next to `file_data`. */
export function defaultFilename(mediaType: string): string {
  const subtype = mediaType.split('/')[1]?.split(/[+;]/)[0] ?? 'bin';
  return `file.${subtype === 'plain' ? 'txt' : subtype}`;
}

/** What a provider accepts inline (base64) in one request, checked before the body is built. */
export interface InlineSizeLimits {
  /** Largest inline file or audio part. */
  readonly maxPartBytes: number;
  /** Largest sum over the request's inline parts. */
  readonly maxRequestBytes: number;
  /**
   * What is measured: the `decoded` bytes of the file (OpenAI's limits are on files), or the
   * `encoded` base64 length (Anthropic's limit is on the request body, where files travel as base64).
   */
  readonly measure: 'decoded' | 'encoded';
  /** Which parts count: file and audio parts always; base64 images too when true. */
  readonly countImages: boolean;
}

/** Bytes a base64 string decodes to, without decoding it. */
export function base64ByteLength(data: string): number {
  const padding = data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0;
  return Math.max(0, Math.floor((data.length * 3) / 4) - padding);
}

/** `data:<type>;base64,<data>`: bytes given as a URL. */
const BASE64_DATA_URL = /^data:[^;,]*;base64,/;

/** Where a file or image part's bytes are: inline base64, or a URL the provider fetches. */
export type PartSource =
  { readonly kind: 'data'; readonly data: string } | { readonly kind: 'url'; readonly url: string };

/**
 * The source of a file or image part: its `data`, the payload of a base64 `data:` URL (bytes a
 * caller passed as a URL), or a remote URL.
 */
export function partSource(part: FilePart | ImagePart): PartSource {
  if ('data' in part) return { kind: 'data', data: part.data };
  const prefix = BASE64_DATA_URL.exec(part.url);
  return prefix === null
    ? { kind: 'url', url: part.url }
    : { kind: 'data', data: part.url.slice(prefix[0].length) };
}

/** The inline base64 of a file or image part, or `undefined` for a remote URL. */
export function inlineBase64(part: FilePart | ImagePart): string | undefined {
  const source = partSource(part);
  return source.kind === 'data' ? source.data : undefined;
}

function inlineData(part: UserContentPart, countImages: boolean): string | undefined {
  if (part.type === 'audio') return part.data;
  if (part.type === 'file' || (part.type === 'image' && countImages)) return inlineBase64(part);
  return undefined;
}

const MB = 1024 * 1024;
const megabytes = (bytes: number): string => `${(bytes / MB).toFixed(1)} MB`;

/**
 * Fails with an `UnsupportedContentError` when an inline part, or all of them together, exceed what
 * the provider takes: the upload would be refused after being sent. Parts given by URL are not
 * counted (the provider fetches them). Linear in the number of parts; nothing is decoded.
 */
export function checkInlineSizes(
  messages: readonly Message[],
  model: string,
  limits: InlineSizeLimits,
): void {
  let total = 0;
  messages.forEach((message, messageIndex) => {
    if (message.role !== 'user' || typeof message.content === 'string') return;
    message.content.forEach((part, partIndex) => {
      const data = inlineData(part, limits.countImages);
      if (data === undefined) return;
      const size = limits.measure === 'decoded' ? base64ByteLength(data) : data.length;
      total += size;
      const at = { model, messageIndex, partIndex };
      if (size > limits.maxPartBytes) {
        throw unsupportedPart(
          part,
          at,
          `${megabytes(size)} is over the ${megabytes(limits.maxPartBytes)} the provider takes for one part`,
        );
      }
      if (total > limits.maxRequestBytes) {
        throw unsupportedPart(
          part,
          at,
          `the inline parts up to here make ${megabytes(total)}, over the ${megabytes(limits.maxRequestBytes)} the provider takes in one request`,
        );
      }
    });
  });
}

/**
 * OpenAI's file inputs (Chat Completions and Responses): up to 50 MB a file and 50 MB of files in
 * one request, measured on the files. Audio counts towards the same total. Images have their own
 * limits and are not counted.
 */
export const OPENAI_INLINE_LIMITS: InlineSizeLimits = {
  maxPartBytes: 50 * MB,
  maxRequestBytes: 50 * MB,
  measure: 'decoded',
  countImages: false,
};
