// Lets a child Node process run the repository's TypeScript directly: `node -r
// ./test/support/swc-register.cjs file.ts`. Each .ts file outside node_modules is compiled on
// require by swc with the settings of jest.config.js (legacy decorators and their metadata, so
// Nest wiring works the same), for the multi-process tests' fixture scripts.
const { readFileSync } = require('node:fs');
const { transformSync } = require('@swc/core');

require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(readFileSync(filename, 'utf8'), {
    filename,
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  });
  module._compile(code, filename);
};
