import type { ValidationIssue } from '../../core/errors/conduit-validation.error';
import { isRecord } from '../../core/is-record';
import { DEPLOYMENT_STRATEGIES } from './deployment-strategy';

/** Most deployments one alias may list: a pool tries each once per call. */
export const MAX_DEPLOYMENTS = 64;

/** Checks one deployment's model configuration (the caller's `validateModelConfig`). */
export type DeploymentConfigCheck = (config: unknown, path: string) => ValidationIssue[];

/**
 * Problems of a `{ deployments: [...], strategy }` entry at `path` (`models.default`): a non-empty
 * list of model configurations, each checked by `checkConfig`, with unique names and positive
 * weights. Names are echoed (they are labels); keys and URLs never are.
 */
export function validateDeploymentsConfig(
  config: Readonly<Record<string, unknown>>,
  path: string,
  checkConfig: DeploymentConfigCheck,
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const deployments = config['deployments'];
  if (!Array.isArray(deployments) || deployments.length === 0) {
    return [
      {
        path: `${path}.deployments`,
        message:
          "must be a non-empty list of model configurations: [{ provider: 'openai', model: '...', apiKey: '...' }, ...]",
      },
    ];
  }
  if (deployments.length > MAX_DEPLOYMENTS) {
    issues.push({
      path: `${path}.deployments`,
      message: `lists ${deployments.length} deployments; at most ${MAX_DEPLOYMENTS}`,
    });
  }
  const strategy = config['strategy'];
  if (
    strategy !== undefined &&
    !DEPLOYMENT_STRATEGIES.includes(strategy as (typeof DEPLOYMENT_STRATEGIES)[number])
  ) {
    issues.push({
      path: `${path}.strategy`,
      message: `must be one of: ${DEPLOYMENT_STRATEGIES.join(', ')}`,
    });
  }
  for (const key of Object.keys(config)) {
    if (key !== 'deployments' && key !== 'strategy' && key !== 'retry') {
      issues.push({
        path: `${path}.${key}`,
        message: 'is not an option of a deployments entry (deployments, strategy, retry)',
      });
    }
  }
  const names = new Set<string>();
  deployments.forEach((deployment: unknown, index) => {
    const at = `${path}.deployments[${index}]`;
    if (!isRecord(deployment)) {
      issues.push({ path: at, message: 'must be a model configuration object' });
      return;
    }
    const { name, weight, retry, ...model } = deployment;
    issues.push(...checkConfig(model, at));
    if (retry !== undefined) {
      issues.push({
        path: `${at}.retry`,
        message: `set retry on the alias (${path}.retry), not on one deployment`,
      });
    }
    if (name !== undefined) {
      if (typeof name !== 'string' || name.trim() === '') {
        issues.push({ path: `${at}.name`, message: 'must be a non-empty string' });
      } else if (names.has(name)) {
        issues.push({ path: `${at}.name`, message: `"${name}" names another deployment too` });
      } else {
        names.add(name);
      }
    }
    if (
      weight !== undefined &&
      !(typeof weight === 'number' && Number.isFinite(weight) && weight > 0)
    ) {
      issues.push({ path: `${at}.weight`, message: 'must be a positive number' });
    }
  });
  return issues;
}
