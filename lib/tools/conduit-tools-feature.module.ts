import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { ToolFeatureRegistration } from './tool-feature-registration';

/** Options of `ConduitModule.forFeature()`. */
export interface ConduitFeatureOptions {
  /** Classes (providers or controllers of the importing module) whose `@Tool()` methods are exposed. */
  readonly tools?: readonly Type<unknown>[];
}

let registrations = 0;

/**
 * The small dynamic module `ConduitModule.forFeature()` returns: it only carries a
 * `ToolFeatureRegistration` value for the explorer to find. The listed classes stay providers of
 * the module that imports it.
 */
@Module({})
export class ConduitToolsFeatureModule {
  /** Builds the dynamic module for one `forFeature()` call. */
  static register(options: ConduitFeatureOptions): DynamicModule {
    // Each call needs its own token, or Nest would keep only one registration.
    registrations += 1;
    return {
      module: ConduitToolsFeatureModule,
      providers: [
        {
          provide: `CONDUIT_TOOL_FEATURE_${registrations}`,
          useValue: new ToolFeatureRegistration(options.tools ?? []),
        },
      ],
    };
  }
}
