import type { ChatResponse, Message, ValidationIssue } from '../core';
import type { PreparedSchema } from './object-schema';
import type { ResolvedStructuredMode } from './structured-options.types';

function issueLines(issues: readonly ValidationIssue[]): string {
  return issues.map((issue) => `  - ${issue.path}: ${issue.message}`).join('\n');
}

/**
 * The turn that asks the model to correct an invalid answer: its answer, then the problems. In tool
 * mode the problems go back as the tool's error result (every call of the turn gets an answer, as
 * providers require); otherwise as a user message.
 */
export function feedbackMessages(
  response: ChatResponse,
  mode: ResolvedStructuredMode,
  schema: PreparedSchema,
  issues: readonly ValidationIssue[],
): Message[] {
  const problems = `Your answer does not match the required schema:\n${issueLines(issues)}`;
  if (mode === 'tool' && response.toolCalls.length > 0) {
    return [
      response.message,
      ...response.toolCalls.map((call): Message => ({
        role: 'tool',
        toolCallId: call.id,
        toolName: call.name,
        isError: true,
        content:
          call.name === schema.name
            ? `${problems}\nCall ${schema.name} again with corrected arguments.`
            : `Unknown tool "${call.name}". Call ${schema.name} with your answer.`,
      })),
    ];
  }
  const retry =
    mode === 'tool'
      ? `Call the tool ${schema.name} with your answer as its arguments.`
      : 'Reply again with the corrected JSON object only.';
  return [
    { role: 'assistant', content: response.text },
    { role: 'user', content: `${problems}\n${retry}` },
  ];
}
