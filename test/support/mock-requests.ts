import type { ChatRequest } from '../../lib/core';
import type { MockChatModel } from '../../lib/testing';

/** The request the mock model received at `index`; throws (failing the test) when there is none. */
export function requestAt(model: MockChatModel, index: number): ChatRequest {
  const found = model.requests[index];
  if (found === undefined) throw new Error(`no request #${index}`);
  return found;
}
