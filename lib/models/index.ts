/**
 * nestjs-conduit models: the registry of models by alias, their injection tokens, and deployment
 * pools (several deployments or keys behind one alias). Re-exported by the package root
 * (`lib/index.ts`).
 */
// Models by alias.
export { ModelRegistry } from './model-registry';
export { getChatModelToken, getEmbeddingModelToken } from './model-tokens';
export { InjectChatModel, InjectEmbeddingModel } from './inject-model.decorator';

// Several deployments or keys behind one alias.
export {
  DeploymentPoolChatModel,
  type DeploymentPoolOptions,
  type PoolDeployment,
} from './deployments/deployment-pool-chat-model';
export type { DeploymentStrategy } from './deployments/deployment-strategy';
