import type { ChatRequest, Message } from 'nestjs-conduit';
import { MockChatModel, type MockResponse } from 'nestjs-conduit/testing';
import { extractDemoObject } from './local-demo/demo-extraction';
import { describeAttachments } from './local-demo/demo-files';
import { countWords, lastUserText, textOf } from './local-demo/demo-text';
import { toolCallFor } from './local-demo/demo-tool-intents';

/** The model id the local demo model reports. */
export const LOCAL_DEMO_MODEL_ID = 'local-demo-model';

/** What every answer of the local demo model starts with, so nobody mistakes it for an LLM. */
export const LOCAL_DEMO_PREFIX = '[local demo model]';

/**
 * A deterministic model from the testing kit, so the sample runs with no API key and no network.
 * It is a few rules, not an LLM, and every answer says so:
 * - a question about the weather, a sum or an order, when that tool is offered: a tool call, then
 *   (once the tool result is back) an answer quoting the result;
 * - a structured-output request (`responseFormat: json_schema`): JSON found by simple patterns;
 * - a RAG prompt: a quote of the best-ranked passage and its source;
 * - "what did I say?": the earlier user messages it was sent (shows the conversation memory);
 * - a question with an attached file: what it received (name, size, PDF pages, start of a text);
 * - anything else: an echo of the last user message.
 */
export function createLocalDemoModel(): MockChatModel {
  return new MockChatModel({
    modelId: LOCAL_DEMO_MODEL_ID,
    provider: 'local-demo',
    respond: (request: ChatRequest) => withUsage(request, answer(request)),
  });
}

function answer(request: ChatRequest): MockResponse {
  const last = request.messages[request.messages.length - 1];
  if (last?.role === 'tool') {
    const text = `${LOCAL_DEMO_PREFIX} ${last.toolName ?? 'The tool'} answered: ${last.content}`;
    return { text, finishReason: 'stop' };
  }
  const question = lastUserText(request.messages);
  const passage = firstPassage(question);
  if (passage !== undefined) return { text: passage, finishReason: 'stop' };
  if (request.responseFormat?.type === 'json_schema') {
    const object = extractDemoObject(request.responseFormat.schema, question);
    return { text: JSON.stringify(object), finishReason: 'stop' };
  }
  const offered = (request.tools ?? []).map((tool) => tool.name);
  const toolCall = toolCallFor(question, offered);
  if (toolCall !== undefined)
    return { text: '', toolCalls: [toolCall], finishReason: 'tool_calls' };
  const attachments = describeAttachments(request.messages);
  if (attachments !== undefined) {
    const text = `${LOCAL_DEMO_PREFIX} You asked "${question}" about ${attachments}. A real model would read it; I only describe it.`;
    return { text, finishReason: 'stop' };
  }
  if (/\bwhat did i (?:say|ask|tell you)\b/i.test(question)) {
    return { text: recall(request.messages), finishReason: 'stop' };
  }
  return { text: `${LOCAL_DEMO_PREFIX} You said: ${question}`, finishReason: 'stop' };
}

/**
 * A RAG prompt (numbered passages under "Context:", then "Question:"): the demo model cannot read,
 * so it quotes the best-ranked passage [1] and its source.
 */
function firstPassage(prompt: string): string | undefined {
  if (/\nContext:\n\s*\nQuestion: /.test(prompt)) {
    return `${LOCAL_DEMO_PREFIX} No passage matches the question: ingest documents first.`;
  }
  const found = /\nContext:\n\[1\] \(([^)\n]*)\)\n([\s\S]*?)(?:\n\n\[2\] |\n\nQuestion: )/.exec(
    prompt,
  );
  if (found?.[1] === undefined || found[2] === undefined) return undefined;
  const excerpt = found[2].replace(/\s+/g, ' ').trim().slice(0, 240);
  return `${LOCAL_DEMO_PREFIX} The best matching passage [1] is from ${found[1]}: "${excerpt}"`;
}

/** The earlier user messages, quoted: what the model was sent, so what the memory kept. */
function recall(messages: readonly Message[]): string {
  const earlier = messages
    .filter((message) => message.role === 'user')
    .slice(0, -1)
    .map((message) => `"${textOf(message)}"`);
  return earlier.length === 0
    ? `${LOCAL_DEMO_PREFIX} You have not said anything before in this conversation.`
    : `${LOCAL_DEMO_PREFIX} Earlier you said: ${earlier.join(', ')}.`;
}

/** Word by word deltas and word-count usage, so streams and the cost tracker have real figures. */
function withUsage(request: ChatRequest, response: MockResponse): MockResponse {
  const text = response.text ?? '';
  const inputTokens = countWords(request.messages.map(textOf).join(' '));
  const outputTokens = countWords(text) + (response.toolCalls?.length ?? 0) * 5;
  return {
    ...response,
    chunks: text === '' ? [] : text.split(/(?<= )/),
    usage: { inputTokens, outputTokens, totalTokens: inputTokens + outputTokens },
  };
}
