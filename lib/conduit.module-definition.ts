import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { ConduitModuleOptions } from './conduit-options.interface';

/**
 * The `ConfigurableModuleBuilder` call behind `ConduitModule`: `forRoot` / `forRootAsync`, and the
 * `isGlobal` extra mapped to the dynamic module's `global` flag. `CONDUIT_MODULE_OPTIONS` is the
 * token of the raw options (the string `CONDUIT_MODULE_OPTIONS`).
 */
export const {
  ConfigurableModuleClass,
  MODULE_OPTIONS_TOKEN: CONDUIT_MODULE_OPTIONS,
  OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<ConduitModuleOptions>({ moduleName: 'Conduit' })
  .setClassMethodName('forRoot')
  .setExtras<{ isGlobal?: boolean }>({ isGlobal: false }, (definition, extras) => ({
    ...definition,
    global: extras.isGlobal ?? false,
  }))
  .build();
