import type { Message } from '../core/message.types';
import type { ValidationIssue } from '../core/errors/conduit-validation.error';
import { isRecord } from '../core/is-record';

const ROLES = ['system', 'user', 'assistant', 'tool'];
const MEDIA_TYPES = ['image/jpeg', 'image/png', 'image/gif', 'image/webp'];
const DETAILS = ['auto', 'low', 'high'];

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
      issues.push({ path: partPath, message: `${got}; expected ${allowed.join(' or ')}` });
    } else if (type === 'image') {
      checkImagePart(part, partPath, issues);
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
      checkContent(message['content'], `${path}.content`, ['text', 'image'], issues);
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
