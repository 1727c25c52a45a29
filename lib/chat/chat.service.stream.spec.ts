import { lastValueFrom, toArray, type Subscription } from 'rxjs';
import { AbortedError, TimeoutError, type StreamEvent } from '../core';
import { MockChatModel } from '../testing';
import { chatServiceWith as serviceWith } from '../../test/support/chat-service-harness';

describe('ChatService', () => {
  afterEach(() => jest.useRealTimers());

  describe('stream', () => {
    it('is cold: nothing is sent until subscribe, and each subscription is a new call', async () => {
      const model = new MockChatModel({ responses: ['one', 'two'] });
      const { chat } = await serviceWith({ models: { default: model } });
      const stream = chat.stream('Hi');
      await new Promise((resolve) => setImmediate(resolve));
      expect(model.requests).toHaveLength(0);
      const first = await lastValueFrom(stream.pipe(toArray()));
      const second = await lastValueFrom(stream.pipe(toArray()));
      expect(model.requests).toHaveLength(2);
      expect(first.map((e) => e.type)).toEqual(['start', 'text-delta', 'usage', 'finish']);
      expect(second[1]).toEqual({ type: 'text-delta', delta: 'two' });
    });

    it('emits start, text deltas, tool calls, usage and finish from the model', async () => {
      const model = new MockChatModel({
        responses: [
          {
            text: 'Let me check.',
            toolCalls: [{ id: 'call_1', name: 'weather', arguments: { city: 'Paris' } }],
          },
        ],
      });
      const { chat } = await serviceWith({ models: { default: model } });
      const events = await lastValueFrom(chat.stream('Weather?').pipe(toArray()));
      expect(events.map((e) => e.type)).toEqual([
        'start',
        'text-delta',
        'text-delta',
        'text-delta',
        'tool-call-start',
        'tool-call-delta',
        'tool-call',
        'usage',
        'finish',
      ]);
      expect(events[6]).toMatchObject({
        toolCall: { id: 'call_1', name: 'weather', arguments: { city: 'Paris' } },
      });
      expect(events[8]).toMatchObject({ finishReason: 'tool_calls' });
    });

    it('unsubscribing mid-answer reaches the model: its stream is torn down and its signal aborted', async () => {
      jest.useFakeTimers();
      const model = new MockChatModel({
        responses: [{ text: 'one two three four', delayMs: 100 }],
      });
      const { chat } = await serviceWith({ models: { default: model } });
      const seen: StreamEvent[] = [];
      const subscription: Subscription = chat.stream('Hi').subscribe((event) => seen.push(event));
      await jest.advanceTimersByTimeAsync(250);
      expect(seen.map((e) => e.type)).toEqual(['start', 'text-delta', 'text-delta']);
      subscription.unsubscribe();
      expect(model.cancelledCalls).toBe(1);
      expect(model.requests[0].signal!.aborted).toBe(true);
      expect(model.requests[0].signal!.reason).toBeInstanceOf(AbortedError);
      await jest.advanceTimersByTimeAsync(1000);
      expect(seen).toHaveLength(3);
      expect(jest.getTimerCount()).toBe(0);
    });

    it('fails with TimeoutError when the whole stream takes longer than timeoutMs', async () => {
      jest.useFakeTimers();
      const model = new MockChatModel({ responses: [{ text: 'a b c d e', delayMs: 100 }] });
      const { chat } = await serviceWith({ models: { default: model } });
      const seen: string[] = [];
      let failure: unknown;
      chat
        .stream('Hi', { timeoutMs: 250 })
        .subscribe({ next: (e) => seen.push(e.type), error: (e: unknown) => (failure = e) });
      await jest.advanceTimersByTimeAsync(250);
      expect(failure).toBeInstanceOf(TimeoutError);
      expect(seen).toEqual(['start', 'text-delta', 'text-delta']);
      expect(model.cancelledCalls).toBe(1);
    });

    it("fails with AbortedError when the caller's signal aborts", async () => {
      jest.useFakeTimers();
      const model = new MockChatModel({ responses: [{ text: 'a b c', delayMs: 100 }] });
      const { chat } = await serviceWith({ models: { default: model } });
      const controller = new AbortController();
      let failure: unknown;
      chat
        .stream('Hi', { signal: controller.signal })
        .subscribe({ error: (e: unknown) => (failure = e) });
      await jest.advanceTimersByTimeAsync(150);
      controller.abort();
      expect(failure).toBeInstanceOf(AbortedError);
      expect(model.cancelledCalls).toBe(1);
    });
  });
});
