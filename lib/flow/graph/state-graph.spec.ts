import { GraphValidationError } from './graph-errors';
import { GraphMaxStepsError, GraphNodeError, GraphRoutingError } from './graph-errors';
import { END, START } from './graph.constants';
import { StateGraph } from './state-graph';

interface Counter {
  n: number;
  log: string[];
}

const add = (name: string) => (s: Counter) => ({ n: s.n + 1, log: [...s.log, name] });

describe('StateGraph', () => {
  it('follows fixed edges and returns the final state and the path', async () => {
    const graph = new StateGraph<Counter>()
      .addNode('a', add('a'))
      .addNode('b', add('b'))
      .addEdge(START, 'a')
      .addEdge('a', 'b')
      .addEdge('b', END)
      .compile();
    expect(await graph.run({ n: 0, log: [] })).toEqual({
      state: { n: 2, log: ['a', 'b'] },
      path: ['a', 'b'],
    });
  });

  it('routes with conditional edges and allows cycles', async () => {
    const graph = new StateGraph<Counter>()
      .addNode('a', add('a'))
      .addNode('b', add('b'))
      .addEdge(START, 'a')
      .addConditionalEdges('a', (s) => (s.n < 3 ? 'a' : 'b'), ['a', 'b'])
      .addEdge('b', END)
      .compile();
    const { state, path } = await graph.run({ n: 0, log: [] });
    expect(path).toEqual(['a', 'a', 'a', 'b']);
    expect(state.n).toBe(4);
  });

  it('stops an endless cycle with GraphMaxStepsError, but lets a run of exactly maxSteps reach END', async () => {
    const looping = new StateGraph<Counter>()
      .addNode('a', add('a'))
      .addEdge(START, 'a')
      .addConditionalEdges('a', () => 'a', ['a', END])
      .compile({ maxSteps: 5 });
    const error = await looping.run({ n: 0, log: [] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphMaxStepsError);
    expect(error).toMatchObject({ maxSteps: 5, next: ['a'], path: ['a', 'a', 'a', 'a', 'a'] });
    const exact = new StateGraph<Counter>()
      .addNode('a', add('a'))
      .addEdge(START, 'a')
      .addEdge('a', END)
      .compile({ maxSteps: 1 });
    expect((await exact.run({ n: 0, log: [] })).path).toEqual(['a']);
  });

  it('runs fan-out branches in parallel on the same state and joins them', async () => {
    const seen: Record<string, unknown> = {};
    const graph = new StateGraph<{ q: string; notes: string[]; answer?: string }>({
      reducers: { notes: (a, b) => [...a, ...b] },
    })
      .addNode('plan', () => ({ notes: ['plan'] }))
      .addNode('web', (s) => ((seen['web'] = [...s.notes]), { notes: ['web'] }))
      .addNode('docs', (s) => ((seen['docs'] = [...s.notes]), { notes: ['docs'] }))
      .addNode('docs2', () => ({ notes: ['docs2'] }))
      .addNode('write', (s) => ({ answer: s.notes.join('+') }))
      .addEdge(START, 'plan')
      .addEdge('plan', ['web', 'docs'])
      .addEdge('docs', 'docs2')
      // The longer branch (docs -> docs2) is waited for: write runs once, after both.
      .addEdge(['web', 'docs2'], 'write')
      .addEdge('write', END)
      .compile();
    const { state, path } = await graph.run({ q: '?', notes: [] });
    expect(path).toEqual(['plan', 'web', 'docs', 'docs2', 'write']);
    expect(seen).toEqual({ web: ['plan'], docs: ['plan'] });
    expect(state.answer).toBe('plan+web+docs+docs2');
  });

  it('fails, naming the join, when a run stops with a join still waiting for a source', async () => {
    const graph = new StateGraph<Counter>()
      .addNode('a', add('a'))
      .addNode('b', add('b'))
      .addNode('c', add('c'))
      .addEdge(START, 'a')
      .addConditionalEdges('a', () => 'b', ['b', 'c'])
      .addEdge(['b', 'c'], END)
      .compile();
    await expect(graph.run({ n: 0, log: [] })).rejects.toThrow(
      'The run stopped before END: "__end__" waits for a join. Make sure every source of a join runs.',
    );
  });

  it('fails when a router picks an undeclared target, naming it', async () => {
    const graph = new StateGraph<Counter>()
      .addNode('a', add('a'))
      .addEdge(START, 'a')
      .addConditionalEdges('a', () => 'zzz', [END])
      .compile();
    await expect(graph.run({ n: 0, log: [] })).rejects.toThrow(
      new GraphRoutingError(
        'The router of "a" chose "zzz", which is not among its declared targets (__end__).',
      ),
    );
  });

  it('wraps a node failure in GraphNodeError naming the node', async () => {
    const graph = new StateGraph<Counter>()
      .addNode('ok', add('ok'))
      .addNode('bad', () => {
        throw new Error('kaput');
      })
      .addEdge(START, 'ok')
      .addEdge('ok', 'bad')
      .addEdge('bad', END)
      .compile();
    const error = await graph.run({ n: 0, log: [] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphNodeError);
    expect(error).toMatchObject({
      node: 'bad',
      state: { n: 1, log: ['ok'] },
      message: 'Graph node "bad" failed: kaput',
    });
  });

  it('validates at build time: unknown nodes, no outgoing edge, unreachable nodes and END', () => {
    const build = (): unknown =>
      new StateGraph<Counter>()
        .addNode('a', add('a'))
        .addNode('b', add('b'))
        .addNode('island', add('island'))
        .addEdge(START, 'a')
        .addEdge('a', 'ghost')
        .addConditionalEdges('b', () => 'a', ['a', 'phantom'])
        .compile();
    const error = (() => {
      try {
        return build();
      } catch (e: unknown) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(GraphValidationError);
    expect((error as GraphValidationError).issues).toEqual([
      { path: 'edges.a', message: 'unknown node "ghost"' },
      { path: 'conditionalEdges.b', message: 'unknown node "phantom"' },
      {
        path: 'nodes.island',
        message: 'has no outgoing edge (add one, to END if it is the last node)',
      },
      { path: 'nodes.b', message: 'is not reachable from START' },
      { path: 'nodes.island', message: 'is not reachable from START' },
      { path: '__end__', message: 'END is not reachable from START' },
    ]);
    expect(() => new StateGraph<Counter>().compile()).toThrow(/__start__: add an edge from START/);
    expect(() => new StateGraph<Counter>().addNode('a', add('a')).addNode('a', add('a'))).toThrow(
      /nodes.a: is already a node/,
    );
    expect(() => new StateGraph<Counter>().addNode(END, add('x'))).toThrow(/is reserved/);
    expect(() =>
      new StateGraph<Counter>().addEdge('a', 'b').addConditionalEdges('a', () => 'b', ['b']),
    ).toThrow(/either fixed edges or one conditional edge/);
  });

  it('exports a Mermaid flowchart of fixed, conditional and join edges', () => {
    const graph = new StateGraph<Counter>()
      .addNode('plan', add('p'))
      .addNode('web search', add('w'))
      .addNode('docs', add('d'))
      .addNode('grade', add('g'))
      .addEdge(START, 'plan')
      .addEdge('plan', ['web search', 'docs'])
      .addEdge(['web search', 'docs'], 'grade')
      .addConditionalEdges('grade', () => END, ['plan', END]);
    const expected = [
      'flowchart TD',
      '  start_([start]) --> plan',
      '  plan --> web_search["web search"]',
      '  plan --> docs',
      '  grade -.-> plan',
      '  grade -.-> end_([end])',
      '  web_search["web search"] & docs --> grade',
    ].join('\n');
    expect(graph.toMermaid()).toBe(expected);
    expect(graph.compile().toMermaid()).toBe(expected);
  });
});
