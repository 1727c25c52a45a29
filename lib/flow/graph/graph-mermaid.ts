import type { GraphDefinition } from './graph-definition';
import { END, START } from './graph.constants';

function id(name: string): string {
  if (name === START) return 'start_';
  if (name === END) return 'end_';
  return name.replace(/[^A-Za-z0-9_]/g, '_');
}

/**
 * The graph as a Mermaid flowchart, for docs: fixed edges are solid arrows, conditional edges
 * dotted arrows to each declared target, joins `a & b --> c`.
 *
 * @example
 * flowchart TD
 *   start_([start]) --> retrieve
 *   grade -.-> retrieve
 *   grade -.-> end_([end])
 */
export function toMermaid<S>(graph: GraphDefinition<S>): string {
  const label = (name: string): string => {
    if (name === START) return 'start_([start])';
    if (name === END) return 'end_([end])';
    return id(name) === name ? name : `${id(name)}["${name.replace(/"/g, '#quot;')}"]`;
  };
  const lines = ['flowchart TD'];
  for (const [from, targets] of graph.edges) {
    for (const to of targets) lines.push(`  ${label(from)} --> ${label(to)}`);
  }
  for (const [from, edge] of graph.conditionalEdges) {
    for (const to of edge.targets) lines.push(`  ${label(from)} -.-> ${label(to)}`);
  }
  for (const join of graph.joins) {
    lines.push(`  ${join.sources.map(label).join(' & ')} --> ${label(join.target)}`);
  }
  return lines.join('\n');
}
