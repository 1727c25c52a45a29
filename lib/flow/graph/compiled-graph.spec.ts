import { Injectable, Module } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { lastValueFrom, NEVER, of, toArray } from 'rxjs';
import { AbortedError } from '../../core';
import { InMemoryCheckpointStore } from './in-memory-checkpoint.store';
import { END, START } from './graph.constants';
import { GraphNodeError, GraphValidationError } from './graph-errors';
import type { GraphNode, NodeContext } from './graph.types';
import { StateGraph } from './state-graph';
import { subgraphNode } from './subgraph-node';

interface Doc {
  text: string;
  words?: number;
  shout?: string;
}

function pipelineGraph(): StateGraph<Doc> {
  return new StateGraph<Doc>()
    .addNode('count', (s) => of({ words: s.text.split(' ').length })) // an Observable node
    .addNode('shout', async (s) => ({ shout: s.text.toUpperCase() }))
    .addEdge(START, 'count')
    .addEdge('count', 'shout')
    .addEdge('shout', END);
}

describe('CompiledGraph', () => {
  it('streams node-start and node-finish events with state snapshots, then graph-finish', async () => {
    const events = await lastValueFrom(
      pipelineGraph().compile().stream({ text: 'hi there' }).pipe(toArray()),
    );
    expect(events).toEqual([
      { type: 'node-start', node: 'count', step: 0, state: { text: 'hi there' } },
      {
        type: 'node-finish',
        node: 'count',
        step: 0,
        update: { words: 2 },
        state: { text: 'hi there', words: 2 },
      },
      { type: 'node-start', node: 'shout', step: 1, state: { text: 'hi there', words: 2 } },
      {
        type: 'node-finish',
        node: 'shout',
        step: 1,
        update: { shout: 'HI THERE' },
        state: { text: 'hi there', words: 2, shout: 'HI THERE' },
      },
      {
        type: 'graph-finish',
        state: { text: 'hi there', words: 2, shout: 'HI THERE' },
        path: ['count', 'shout'],
      },
    ]);
  });

  it('calls the hooks before and after every node', async () => {
    const calls: string[] = [];
    await pipelineGraph()
      .compile({
        hooks: {
          beforeNode: (node) => void calls.push(`before ${node}`),
          afterNode: (node, update) => void calls.push(`after ${node} ${JSON.stringify(update)}`),
        },
      })
      .run({ text: 'a b c' });
    expect(calls).toEqual([
      'before count',
      'after count {"words":3}',
      'before shout',
      'after shout {"shout":"A B C"}',
    ]);
  });

  it('unsubscribing from the stream aborts the running node', async () => {
    let signal: AbortSignal | undefined;
    const graph = new StateGraph<Doc>()
      .addNode('wait', (_s, context: NodeContext) => ((signal = context.signal), NEVER))
      .addEdge(START, 'wait')
      .addEdge('wait', END)
      .compile();
    const subscription = graph.stream({ text: 'x' }).subscribe({ error: () => undefined });
    await new Promise((resolve) => setImmediate(resolve));
    subscription.unsubscribe();
    expect(signal?.aborted).toBe(true);
    expect(signal?.reason).toBeInstanceOf(AbortedError);
  });

  it('saves a checkpoint after each node and resumes a failed run from the failing node', async () => {
    const store = new InMemoryCheckpointStore();
    const runs: string[] = [];
    let flaky = true;
    const graph = new StateGraph<{ n: number }>()
      .addNode('one', (s) => (runs.push('one'), { n: s.n + 1 }))
      .addNode('two', (s) => {
        runs.push('two');
        if (flaky) throw new Error('temporary');
        return { n: s.n * 10 };
      })
      .addEdge(START, 'one')
      .addEdge('one', 'two')
      .addEdge('two', END)
      .compile({ checkpointStore: store });
    await expect(graph.run({ n: 1 }, { threadId: 't1' })).rejects.toThrow(GraphNodeError);
    expect(store.history('t1')).toEqual([
      {
        threadId: 't1',
        state: { n: 2 },
        next: ['two'],
        path: ['one'],
        joins: {},
        done: false,
        step: 0,
        createdAt: expect.any(Number),
      },
    ]);
    flaky = false;
    expect(await graph.resume('t1')).toEqual({ state: { n: 20 }, path: ['one', 'two'] });
    expect(runs).toEqual(['one', 'two', 'two']); // "one" did not run again
    expect((await store.load('t1'))?.done).toBe(true);
    expect(await graph.resume('t1')).toEqual({ state: { n: 20 }, path: ['one', 'two'] });
    expect(runs).toHaveLength(3);
    await expect(graph.resume('unknown')).rejects.toThrow(
      'No checkpoint is saved for thread "unknown".',
    );
    await expect(pipelineGraph().compile().resume('t1')).rejects.toThrow(/needs a checkpointStore/);
  });

  it('runs a compiled graph as a node, with the same state or mapped to its own', async () => {
    const inner = pipelineGraph().compile();
    const counter = new StateGraph<{ n: number }>()
      .addNode('inc', (s) => ({ n: s.n + 1 }))
      .addEdge(START, 'inc')
      .addEdge('inc', END)
      .compile();
    const outer = new StateGraph<Doc & { n?: number }>()
      .addNode('analyse', inner)
      .addNode(
        'inc',
        subgraphNode(counter, { input: (s) => ({ n: s.words ?? 0 }), output: (r) => ({ n: r.n }) }),
      )
      .addEdge(START, 'analyse')
      .addEdge('analyse', 'inc')
      .addEdge('inc', END)
      .compile();
    const { state, path } = await outer.run({ text: 'one two' });
    expect(state).toEqual({ text: 'one two', words: 2, shout: 'ONE TWO', n: 3 });
    expect(path).toEqual(['analyse', 'inc']);
  });

  it('resolves injectable node classes from the app through ModuleRef', async () => {
    @Injectable()
    class Greeting {
      word(): string {
        return 'Hello';
      }
    }
    @Injectable()
    class GreetNode implements GraphNode<{ name: string; greeting?: string }> {
      constructor(private readonly greeting: Greeting) {}
      run(state: { name: string }): { greeting: string } {
        return { greeting: `${this.greeting.word()} ${state.name}` };
      }
    }
    @Module({ providers: [Greeting, GreetNode] })
    class NodesModule {}
    const app = await Test.createTestingModule({ imports: [NodesModule] }).compile();
    const builder = new StateGraph<{ name: string; greeting?: string }>()
      .addNode('greet', GreetNode)
      .addEdge(START, 'greet')
      .addEdge('greet', END);
    const { state } = await builder.compile({ moduleRef: app.get(ModuleRef) }).run({ name: 'Ada' });
    expect(state.greeting).toBe('Hello Ada');
    expect(() => builder.compile()).toThrow(GraphValidationError);
    expect(() => builder.compile()).toThrow(
      /GreetNode is a provider class: compile the graph with \{ moduleRef \}/,
    );
    const empty = await Test.createTestingModule({}).compile();
    expect(() => builder.compile({ moduleRef: empty.get(ModuleRef) })).toThrow(
      /GreetNode is not a provider of the app/,
    );
  });
});
