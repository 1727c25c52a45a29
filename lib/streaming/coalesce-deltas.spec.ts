import { concat, from, lastValueFrom, Subject, throwError, toArray } from 'rxjs';
import type { StreamEvent } from '../core/stream-event.types';
import { coalesceDeltas } from './coalesce-deltas';

const text = (delta: string): StreamEvent => ({ type: 'text-delta', delta });
const start: StreamEvent = { type: 'start', id: 'r1', model: 'm', warnings: [] };
const finish: StreamEvent = {
  type: 'finish',
  finishReason: 'stop',
  rawFinishReason: 'stop',
  usage: { inputTokens: 1, outputTokens: 3, totalTokens: 4 },
  providerMetadata: {},
};

describe('coalesceDeltas', () => {
  it('merges the deltas of one synchronous burst into one event with the same text', async () => {
    const events = await lastValueFrom(
      from([start, text('a'), text('b'), text('c'), finish]).pipe(coalesceDeltas(), toArray()),
    );
    expect(events).toEqual([start, text('abc'), finish]);
  });

  it('keeps the order: an event between deltas ends the burst', async () => {
    const reasoning: StreamEvent = { type: 'reasoning-delta', delta: 'think' };
    const events = await lastValueFrom(
      from([text('a'), text('b'), reasoning, reasoning, text('c')]).pipe(
        coalesceDeltas(),
        toArray(),
      ),
    );
    expect(events).toEqual([
      text('ab'),
      { type: 'reasoning-delta', delta: 'thinkthink' },
      text('c'),
    ]);
  });

  it('merges only deltas whose other fields are equal (a signature stays on its own)', async () => {
    const signed: StreamEvent = { type: 'reasoning-delta', delta: '', signature: 'sig' };
    const plain: StreamEvent = { type: 'reasoning-delta', delta: 'x' };
    const events = await lastValueFrom(
      from([plain, signed, plain]).pipe(coalesceDeltas(), toArray()),
    );
    expect(events).toEqual([plain, signed, plain]);
  });

  it('sends a delta that arrives alone at once, without waiting for the next one', async () => {
    const source = new Subject<StreamEvent>();
    const seen: StreamEvent[] = [];
    source.pipe(coalesceDeltas()).subscribe((event) => seen.push(event));
    source.next(text('a'));
    await Promise.resolve();
    expect(seen).toEqual([text('a')]);
    source.next(text('b'));
    source.next(text('c'));
    await Promise.resolve();
    expect(seen).toEqual([text('a'), text('bc')]);
  });

  it('emits the held text before a failure, then the failure', () => {
    const seen: unknown[] = [];
    const failure = new Error('upstream cut');
    concat(
      from([text('a'), text('b')]),
      throwError(() => failure),
    )
      .pipe(coalesceDeltas())
      .subscribe({ next: (event) => seen.push(event), error: (error) => seen.push(error) });
    expect(seen).toEqual([text('ab'), failure]);
  });

  it('sends nothing more once unsubscribed', async () => {
    const source = new Subject<StreamEvent>();
    const seen: StreamEvent[] = [];
    const subscription = source.pipe(coalesceDeltas()).subscribe((event) => seen.push(event));
    source.next(text('a'));
    subscription.unsubscribe();
    await Promise.resolve();
    expect(seen).toEqual([]);
    expect(source.observed).toBe(false);
  });

  it('passes events of an agent run through, merging only its deltas', async () => {
    const iteration = { type: 'iteration-start', iteration: 1 };
    const events = await lastValueFrom(
      from<{ type: string; delta?: string }[]>([
        iteration,
        { type: 'text-delta', delta: 'x' },
        { type: 'text-delta', delta: 'y' },
      ]).pipe(coalesceDeltas(), toArray()),
    );
    expect(events).toEqual([iteration, { type: 'text-delta', delta: 'xy' }]);
  });
});
