import { from, Observable, Subject } from 'rxjs';
import { toAsyncIterator } from './to-async-iterator';

describe('toAsyncIterator', () => {
  it('yields every value in order, including those that arrived before they were asked for', async () => {
    const values: number[] = [];
    for await (const value of toAsyncIterator(from([1, 2, 3]))) values.push(value);
    expect(values).toEqual([1, 2, 3]);
  });

  it('subscribes lazily and unsubscribes on return() (the client completed early)', async () => {
    let subscribed = 0;
    let unsubscribed = 0;
    const subject = new Subject<string>();
    const source = new Observable<string>((subscriber) => {
      subscribed++;
      const inner = subject.subscribe(subscriber);
      return () => {
        unsubscribed++;
        inner.unsubscribe();
      };
    });
    const iterator = toAsyncIterator(source);
    expect(subscribed).toBe(0);
    const first = iterator.next();
    subject.next('a');
    expect(await first).toEqual({ done: false, value: 'a' });
    const pending = iterator.next();
    expect(await iterator.return?.()).toEqual({ done: true, value: undefined });
    expect(await pending).toEqual({ done: true, value: undefined });
    expect(unsubscribed).toBe(1);
    expect(await iterator.next()).toEqual({ done: true, value: undefined });
  });

  it('rejects with the error of the source, waiting or not', async () => {
    const failure = new Error('boom');
    const subject = new Subject<number>();
    const waiting = toAsyncIterator(subject);
    const next = waiting.next();
    subject.error(failure);
    await expect(next).rejects.toBe(failure);

    const early = toAsyncIterator(
      new Observable<number>((subscriber) => subscriber.error(failure)),
    );
    await expect(early.next()).rejects.toBe(failure);
    expect(await early.next()).toEqual({ done: true, value: undefined });
  });

  it('throw() unsubscribes and rejects with the given error', async () => {
    let unsubscribed = false;
    const iterator = toAsyncIterator(
      new Observable<number>((subscriber) => {
        subscriber.next(1);
        return () => (unsubscribed = true);
      }),
    );
    expect(await iterator.next()).toEqual({ done: false, value: 1 });
    const reason = new Error('stop');
    await expect(iterator.throw?.(reason)).rejects.toBe(reason);
    expect(unsubscribed).toBe(true);
  });
});
