import { loadOptionalPackage } from '../core/load-optional-package';

/** `@nestjs/bullmq`, loaded when `ConduitQueueModule.forRoot()` runs. */
export type NestBullmq = typeof import('@nestjs/bullmq');

const INSTALL = 'npm install bullmq @nestjs/bullmq';

/*
 * bullmq and @nestjs/bullmq are optional peers: `nestjs-conduit/queue` can be imported (for its
 * types) without them, and forRoot() names the install command when they are missing.
 */

/** `@nestjs/bullmq` (and through it `bullmq`), or an error printing the install command. */
export function loadNestBullmq(): NestBullmq {
  loadOptionalPackage<unknown>('bullmq', 'ConduitQueueModule', { install: INSTALL });
  return loadOptionalPackage<NestBullmq>('@nestjs/bullmq', 'ConduitQueueModule', {
    install: INSTALL,
  });
}
