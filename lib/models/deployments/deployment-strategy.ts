/**
 * How a deployment pool picks the deployment of each call:
 * - `round-robin`: each call the next one, in order;
 * - `least-busy`: the one with the fewest calls in flight (ties: the earliest listed);
 * - `weighted`: in proportion to each deployment's `weight` (smooth weighted round-robin, so the
 *   shares hold over any window, not only on average).
 */
export type DeploymentStrategy = 'round-robin' | 'least-busy' | 'weighted';

/** The deployment strategies, for validation messages. */
export const DEPLOYMENT_STRATEGIES: readonly DeploymentStrategy[] = [
  'round-robin',
  'least-busy',
  'weighted',
];
