import type { Message } from '../core/message.types';
import type { ValidationIssue } from '../core/errors/conduit-validation.error';
import { isRecord } from '../core/is-record';

const ROLES = ['system', 'user', 'assistant', 'tool'];
const MEDIA_TYPES = ['image/jpeg', 'image/png', 'image/gif', 'image/webp'];
const DETAILS = ['auto', 'low', 'high'];
const AUDIO_FORMATS = ['wav', 'mp3', 'flac', 'ogg', 'webm', 'aac', 'm4a'];
/** `type/subtype`, as IANA media types are written (parameters are not allowed in a part). */
const MEDIA_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/i;
/**
 * Standard base64 characters then padding; with a length a multiple of 4, that is padded base64.
 * A single character class, not groups of four: V8 runs a repeated group recursively, which
 * overflows the stack on a file of a few megabytes.
 */
const BASE64_CHARS = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * A bad base64 payload is caught here rather than by the provider, which would answer a 400 after
 * the upload (or, for some, read garbage). Linear in the length; no decoding.
 */
function checkBase64(value: unknown, path: string, issues: ValidationIssue[]): void {
  if (typeof value !== 'string' || value === '') {
    issues.push({ path, message: 'must be a non-empty base64 string' });
  } else if (value.startsWith('data:')) {
    issues.push({ path, message: 'must be bare base64, without a data: URL prefix' });
  } else if (value.length % 4 !== 0 || !BASE64_CHARS.test(value)) {
    issues.push({ path, message: 'is not valid base64 (standard alphabet, padded with =)' });
  }
}

function checkFilePart(
  part: Record<string, unknown>,
  path: string,
  issues: ValidationIssue[],
): void {
  const hasUrl = part['url'] !== undefined;
  if (hasUrl === (part['data'] !== undefined)) {
    issues.push({ path, message: 'a file part needs either url or data (base64), with mediaType' });
  } else if (hasUrl) {
    const url = part['url'];
    if (typeof url !== 'string' || !/^(?:https?:|data:)/.test(url)) {
      issues.push({ path: `${path}.url`, message: 'must be an http(s): or data: URL' });
    }
  } else {
    checkBase64(part['data'], `${path}.data`, issues);
  }
  if (typeof part['mediaType'] !== 'string' || !MEDIA_TYPE.test(part['mediaType'])) {
    issues.push({
      path: `${path}.mediaType`,
      message: 'must be a media type such as application/pdf',
    });
  }
  const filename = part['filename'];
  if (filename !== undefined && (typeof filename !== 'string' || filename === '')) {
    issues.push({ path: `${path}.filename`, message: 'must be a non-empty string when given' });
  }
}

function checkAudioPart(
  part: Record<string, unknown>,
  path: string,
  issues: ValidationIssue[],
): void {
  checkBase64(part['data'], `${path}.data`, issues);
  if (!AUDIO_FORMATS.includes(part['format'] as string)) {
    issues.push({ path: `${path}.format`, message: `must be one of: ${AUDIO_FORMATS.join(', ')}` });
  }
}

function checkImagePart(
  part: Record<string, unknown>,
  path: string,
  issues: ValidationIssue[],
): void {
  const hasUrl = part['url'] !== undefined;
  const hasData = part['data'] !== undefined;
  if (hasUrl === hasData) {
    issues.push({
      path,
      message: 'an image part needs either url or data (base64) with mediaType',
    });
  } else if (hasUrl && (typeof part['url'] !== 'string' || part['url'] === '')) {
    issues.push({
      path: `${path}.url`,
      message: 'must be a non-empty string (https: or data: URL)',
    });
  } else if (hasData) {
    if (typeof part['data'] !== 'string' || part['data'] === '') {
      issues.push({ path: `${path}.data`, message: 'must be a non-empty base64 string' });
    }
    if (!MEDIA_TYPES.includes(part['mediaType'] as string)) {
      issues.push({
        path: `${path}.mediaType`,
        message: `must be one of: ${MEDIA_TYPES.join(', ')}`,
      });
    }
  }
  if (part['detail'] !== undefined && !DETAILS.includes(part['detail'] as string)) {
    issues.push({ path: `${path}.detail`, message: `must be one of: ${DETAILS.join(', ')}` });
  }
}

/** `text or reasoning`, `text, image, file or audio`. */
function oneOf(names: readonly string[]): string {
  return names.length <= 2
    ? names.join(' or ')
    : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1] ?? ''}`;
}

function checkParts(
  content: readonly unknown[],
  path: string,
  allowed: readonly string[],
  issues: ValidationIssue[],
): void {
  content.forEach((part, index) => {
    const partPath = `${path}[${index}]`;
    const type = isRecord(part) ? part['type'] : undefined;
    if (!isRecord(part) || typeof type !== 'string' || !allowed.includes(type)) {
      const got = isRecord(part)
        ? `unknown content part type ${JSON.stringify(type)}`
        : 'not an object';
      issues.push({ path: partPath, message: `${got}; expected ${oneOf(allowed)}` });
    } else if (type === 'image') {
      checkImagePart(part, partPath, issues);
    } else if (type === 'file') {
      checkFilePart(part, partPath, issues);
    } else if (type === 'audio') {
      checkAudioPart(part, partPath, issues);
    } else if (typeof part['text'] !== 'string') {
      issues.push({ path: `${partPath}.text`, message: 'must be a string' });
    }
  });
}

function checkContent(
  content: unknown,
  path: string,
  allowed: readonly string[],
  issues: ValidationIssue[],
): void {
  if (typeof content === 'string') return;
  if (Array.isArray(content) && allowed.length > 0) {
    checkParts(content, path, allowed, issues);
    return;
  }
  issues.push({
    path,
    message:
      allowed.length > 0 ? 'must be a string or an array of content parts' : 'must be a string',
  });
}

function checkToolCalls(toolCalls: unknown, path: string, issues: ValidationIssue[]): void {
  if (toolCalls === undefined) return;
  if (!Array.isArray(toolCalls)) {
    issues.push({ path, message: 'must be an array of tool calls' });
    return;
  }
  toolCalls.forEach((call, index) => {
    const callPath = `${path}[${index}]`;
    if (!isRecord(call)) {
      issues.push({ path: callPath, message: 'must be an object { id, name, arguments }' });
      return;
    }
    for (const key of ['id', 'name']) {
      if (typeof call[key] !== 'string' || call[key] === '') {
        issues.push({ path: `${callPath}.${key}`, message: 'must be a non-empty string' });
      }
    }
    if (!isRecord(call['arguments'])) {
      issues.push({ path: `${callPath}.arguments`, message: 'must be an object' });
    }
  });
}

function checkMessage(message: unknown, path: string, issues: ValidationIssue[]): void {
  if (!isRecord(message)) {
    issues.push({ path, message: 'must be a message object { role, content }' });
    return;
  }
  const role = message['role'];
  switch (role) {
    case 'system':
      checkContent(message['content'], `${path}.content`, [], issues);
      break;
    case 'user':
      checkContent(
        message['content'],
        `${path}.content`,
        ['text', 'image', 'file', 'audio'],
        issues,
      );
      break;
    case 'assistant':
      checkContent(message['content'], `${path}.content`, ['text', 'reasoning'], issues);
      checkToolCalls(message['toolCalls'], `${path}.toolCalls`, issues);
      break;
    case 'tool':
      if (typeof message['toolCallId'] !== 'string' || message['toolCallId'] === '') {
        issues.push({
          path: `${path}.toolCallId`,
          message: 'required on tool messages: the id of the tool call this message answers',
        });
      }
      checkContent(message['content'], `${path}.content`, [], issues);
      break;
    default:
      issues.push({
        path: `${path}.role`,
        message: `unknown role ${JSON.stringify(role)}; expected ${ROLES.join(', ')}`,
      });
  }
}

/**
 * Turns the `messages` argument of `ChatService` into a message list (a string is one user
 * message) and lists its problems, `messages[2].toolCallId`-style. Pure: no I/O.
 */
export function validateMessages(input: unknown): {
  readonly messages: readonly Message[];
  readonly issues: ValidationIssue[];
} {
  if (typeof input === 'string') {
    const issues: ValidationIssue[] =
      input.trim() === '' ? [{ path: 'messages', message: 'must not be an empty string' }] : [];
    return { messages: [{ role: 'user', content: input }], issues };
  }
  if (!Array.isArray(input)) {
    return {
      messages: [],
      issues: [{ path: 'messages', message: 'must be a string or an array of messages' }],
    };
  }
  const issues: ValidationIssue[] = [];
  if (input.length === 0) {
    issues.push({ path: 'messages', message: 'must contain at least one message' });
  }
  input.forEach((message, index) => checkMessage(message, `messages[${index}]`, issues));
  return { messages: input as readonly Message[], issues };
}
