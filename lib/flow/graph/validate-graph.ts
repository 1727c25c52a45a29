import type { ValidationIssue } from '../../core/errors/conduit-validation.error';
import type { GraphDefinition } from './graph-definition';
import { END, START } from './graph.constants';
import { GraphValidationError } from './graph-errors';

/** Every node each node may lead to (fixed edges, conditional targets, joins). */
export function successors<S>(graph: GraphDefinition<S>): Map<string, Set<string>> {
  const next = new Map<string, Set<string>>();
  const add = (from: string, to: string): void => {
    const set = next.get(from) ?? new Set<string>();
    set.add(to);
    next.set(from, set);
  };
  for (const [from, targets] of graph.edges) for (const to of targets) add(from, to);
  for (const [from, edge] of graph.conditionalEdges) for (const to of edge.targets) add(from, to);
  for (const join of graph.joins) for (const from of join.sources) add(from, join.target);
  return next;
}

function reachableFromStart(next: Map<string, Set<string>>): Set<string> {
  const seen = new Set<string>([START]);
  const queue = [START];
  for (let node = queue.shift(); node !== undefined; node = queue.shift()) {
    for (const to of next.get(node) ?? []) {
      if (!seen.has(to)) {
        seen.add(to);
        queue.push(to);
      }
    }
  }
  return seen;
}

/**
 * Checks a graph before it can run and throws one `GraphValidationError` listing every problem:
 * edges from or to unknown nodes, no edge from START, a node without outgoing edge, a node or END
 * that START cannot reach.
 */
export function validateGraph<S>(graph: GraphDefinition<S>): void {
  const issues: ValidationIssue[] = [];
  const known = (name: string): boolean => graph.nodes.has(name);
  const checkTarget = (path: string, to: string): void => {
    if (to === START) issues.push({ path, message: 'cannot lead back to START' });
    else if (to !== END && !known(to)) issues.push({ path, message: `unknown node "${to}"` });
  };
  const checkSource = (path: string, from: string): void => {
    if (from === END) issues.push({ path, message: 'END has no outgoing edges' });
    else if (from !== START && !known(from))
      issues.push({ path, message: `unknown node "${from}"` });
  };
  for (const [from, targets] of graph.edges) {
    checkSource(`edges.${from}`, from);
    for (const to of targets) checkTarget(`edges.${from}`, to);
  }
  for (const [from, edge] of graph.conditionalEdges) {
    checkSource(`conditionalEdges.${from}`, from);
    for (const to of edge.targets) checkTarget(`conditionalEdges.${from}`, to);
  }
  for (const join of graph.joins) {
    const path = `joins.${join.sources.join('+')}`;
    for (const from of join.sources) checkSource(path, from);
    checkTarget(path, join.target);
  }
  const next = successors(graph);
  if (!next.has(START))
    issues.push({ path: START, message: 'add an edge from START to the first node' });
  for (const name of graph.nodes.keys()) {
    if (!next.has(name)) {
      issues.push({
        path: `nodes.${name}`,
        message: 'has no outgoing edge (add one, to END if it is the last node)',
      });
    }
  }
  const reachable = reachableFromStart(next);
  for (const name of graph.nodes.keys()) {
    if (!reachable.has(name))
      issues.push({ path: `nodes.${name}`, message: 'is not reachable from START' });
  }
  if (!reachable.has(END)) issues.push({ path: END, message: 'END is not reachable from START' });
  if (issues.length > 0) throw new GraphValidationError(issues);
}
