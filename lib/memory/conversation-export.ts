import { validateMessages } from '../chat/validate-messages';
import {
  ConduitValidationError,
  type ValidationIssue,
} from '../core/errors/conduit-validation.error';
import type { ConversationEntry, ConversationExport } from './conversation.types';
import { isRecord } from '../core/is-record';

/** The `format` tag of exported conversations. */
export const CONVERSATION_EXPORT_FORMAT = 'nestjs-conduit/conversation';

function readEntry(raw: unknown, path: string, issues: ValidationIssue[]): ConversationEntry {
  if (!isRecord(raw)) {
    issues.push({ path, message: 'must be an object { message, at }' });
    return { message: { role: 'user', content: '' }, at: 0 };
  }
  const checked = validateMessages([raw['message']]);
  for (const issue of checked.issues) {
    issues.push({
      path: `${path}.message${issue.path.slice('messages[0]'.length)}`,
      message: issue.message,
    });
  }
  const at = raw['at'];
  if (typeof at !== 'number' || !Number.isFinite(at)) {
    issues.push({ path: `${path}.at`, message: 'must be a timestamp in milliseconds' });
  }
  const interrupted = raw['interrupted'];
  if (
    interrupted !== undefined &&
    !(
      isRecord(interrupted) &&
      (interrupted['reason'] === 'aborted' || interrupted['reason'] === 'failed')
    )
  ) {
    issues.push({
      path: `${path}.interrupted`,
      message: "must be { reason: 'aborted' | 'failed' }",
    });
  }
  return raw as unknown as ConversationEntry;
}

/**
 * Checks a parsed export document and returns it typed. Throws one `ConduitValidationError`
 * listing every problem (`entries[3].message.role: ...`), so a hand-edited or foreign file is
 * rejected before anything is stored.
 */
export function parseConversationExport(document: unknown): ConversationExport {
  const title = 'Invalid conversation export';
  if (!isRecord(document)) {
    throw new ConduitValidationError([{ path: '(document)', message: 'must be an object' }], title);
  }
  const issues: ValidationIssue[] = [];
  if (document['format'] !== CONVERSATION_EXPORT_FORMAT) {
    issues.push({ path: 'format', message: `must be '${CONVERSATION_EXPORT_FORMAT}'` });
  }
  if (document['version'] !== 1) issues.push({ path: 'version', message: 'must be 1' });
  const id = document['conversationId'];
  if (typeof id !== 'string' || id === '') {
    issues.push({ path: 'conversationId', message: 'must be a non-empty string' });
  }
  const entries = document['entries'];
  if (!Array.isArray(entries)) {
    issues.push({ path: 'entries', message: 'must be an array' });
  } else {
    entries.forEach((entry, index) => readEntry(entry, `entries[${index}]`, issues));
  }
  const summary = document['summary'];
  if (summary !== undefined) {
    const count = Array.isArray(entries) ? entries.length : 0;
    if (
      !isRecord(summary) ||
      typeof summary['text'] !== 'string' ||
      !Number.isInteger(summary['upTo']) ||
      (summary['upTo'] as number) < 1 ||
      (summary['upTo'] as number) > count
    ) {
      issues.push({
        path: 'summary',
        message: `must be { text: string, upTo: integer from 1 to the number of entries (${count}) }`,
      });
    }
  }
  if (issues.length > 0) throw new ConduitValidationError(issues, title);
  return document as unknown as ConversationExport;
}
