/** Jest runs TypeScript through swc; `tsc --noEmit` (npm run typecheck) does the type checking. */
const swc = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    // Without legacyDecorator + decoratorMetadata Nest constructor injection is silently undefined.
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/lib', '<rootDir>/test', '<rootDir>/sample'],
  testRegex: '.*\\.(spec|e2e-spec)\\.ts$',
  // Spies (Logger, console, process.emitWarning) are put back before every test, so a spec that
  // forgets mockRestore() cannot silence or fake another test's logging.
  restoreMocks: true,
  // Not a speed check (benchmarks measure speed): a replay cut into 1-byte writes or a suite that
  // starts PostgreSQL can take several seconds on a loaded 2-core machine, and a test that times
  // out there fails for the load, not for the code. Hangs still fail, after 30 s.
  testTimeout: 30_000,
  moduleFileExtensions: ['ts', 'js', 'json'],
  transform: {
    '^.+\\.(t|j)s$': ['@swc/jest', swc],
    // PGlite's CommonJS build loads node:fs and its WASM with import(), which Jest's VM refuses
    // without --experimental-vm-modules; swc turns those into require() (PgVectorStore on PGlite).
    '@electric-sql/pglite/.+\\.cjs$': ['@swc/jest', swc],
  },
  // Nest 12 ships ESM: let swc transform it too so the same suite runs on Nest 11 and 12. Its
  // Fastify adapter loads @fastify/middie, whose path-to-regexp 8 is ESM only (Jest cannot
  // require() it on Node 20): both path segments of that nested package must be let through.
  transformIgnorePatterns: [
    '/node_modules/(?!@nestjs/|@electric-sql/pglite/|@fastify/middie/|path-to-regexp/)',
  ],
  moduleNameMapper: {
    '^nestjs-conduit$': '<rootDir>/lib/index.ts',
    '^nestjs-conduit/testing$': '<rootDir>/lib/testing/index.ts',
    '^nestjs-conduit/mcp$': '<rootDir>/lib/mcp/index.ts',
    '^nestjs-conduit/queue$': '<rootDir>/lib/queue/index.ts',
  },
  collectCoverageFrom: ['lib/**/*.ts', '!lib/**/*.spec.ts', '!lib/**/index.ts'],
  coverageReporters: ['text-summary', 'json-summary', 'lcov'],
  coverageThreshold: {
    global: { lines: 80 },
    './lib/providers/': { lines: 95, branches: 85 },
    './lib/core/': { lines: 95 },
  },
};
