// @ts-check
import { readdirSync } from 'node:fs';
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

/*
 * The floors of lib/ (STYLE.md, issue 14): imports run one way, down. A folder may import itself and
 * the folders listed for it, nothing else of lib/. Bottom up:
 *
 *   core                            nothing of the project, nothing of Nest
 *   providers/shared                core
 *   providers/<name>                core, providers/shared (+ the public model classes of another
 *                                   provider that PROVIDER_REUSE lists, through its index)
 *   tokens, streaming               core
 *   interceptors                    core, tokens
 *   tools                           + interceptors
 *   ops                             core, tokens, interceptors, providers/shared (the HTTP pools)
 *   models                          core, providers/*
 *   chat                            core, providers/shared, tokens, streaming, interceptors, tools,
 *                                   ops (InFlightCalls, which shutdown drains), models (memory
 *                                   and structured output plug into ChatService through ports
 *                                   defined here: chat-conversation.port.ts, chat-object.port.ts)
 *   memory, structured, agent, rag  chat and what chat may import, not each other
 *   flow                            + agent
 *   guardrails                      chat and what chat may import (TopicGuardrail's judge asks
 *                                   ChatService.generateObject for its verdict)
 *   testing                         anything
 *   mcp                             core, tokens, interceptors, tools (its own entry point,
 *                                   nestjs-conduit/mcp: the MCP SDK never loads with the root)
 *   queue                           flow and what flow may import (its own entry point,
 *                                   nestjs-conduit/queue: bullmq never loads with the root)
 *   lib/*.ts                        anything but testing (the module, its options, lib/index.ts)
 *
 * Every folder but core and providers may import lib/conduit.constants.ts, a leaf of tokens and
 * defaults. No folder imports the files of lib/ itself otherwise (conduit-options.interface.ts
 * composes the options each floor owns), nor the package by its name. Specs are exempt. A new
 * folder under lib/ or lib/providers/ fails the lint until it is given a floor here.
 */
const CHAT_FLOOR = [
  'core',
  'providers/shared',
  'tokens',
  'streaming',
  'interceptors',
  'tools',
  'ops',
  'models',
];
const ABOVE_CHAT = [...CHAT_FLOOR, 'chat'];
/** @type {Record<string, readonly string[] | '*'>} */
const FLOORS = {
  core: [],
  'providers/shared': ['core'],
  tokens: ['core'],
  streaming: ['core'],
  interceptors: ['core', 'tokens'],
  tools: ['core', 'tokens', 'interceptors'],
  ops: ['core', 'tokens', 'interceptors', 'providers/shared'],
  models: ['core', 'providers/*'],
  chat: CHAT_FLOOR,
  memory: ABOVE_CHAT,
  structured: ABOVE_CHAT,
  agent: ABOVE_CHAT,
  rag: ABOVE_CHAT,
  flow: [...ABOVE_CHAT, 'agent'],
  guardrails: ABOVE_CHAT,
  testing: '*',
  mcp: ['core', 'tokens', 'interceptors', 'tools'],
  queue: [...ABOVE_CHAT, 'agent', 'flow'],
};
/**
 * Providers that build on another provider's public model class, as a user's own provider would
 * (docs/providers.md): only through that provider's index (`../openai-compatible`) and only the
 * names listed here; the other provider's files stay out of reach. The wire code the OpenAI family
 * shares (connection, settings, errors, provider metadata) is in providers/shared/openai-wire/.
 */
/** @type {Record<string, Record<string, readonly string[]>>} */
const PROVIDER_REUSE = {
  // An OpenAI-compatible server speaks Chat Completions: the model wraps OpenAIChatModel as its wire;
  // its embedding presets are OpenAIEmbeddingModels on a local address.
  'openai-compatible': {
    'providers/openai': ['OpenAIChatModel', 'OpenAIEmbeddingModel', 'OpenAIEmbeddingModelSettings'],
  },
  // createOpenAIChatModel builds either OpenAI wire from one config (`api: 'chat' | 'responses'`).
  'openai-responses': { 'providers/openai': ['OpenAIChatModel'] },
  // Groq subclasses OpenAICompatibleChatModel through its four hooks, as the class documents.
  groq: {
    'providers/openai-compatible': ['OpenAICompatibleChatModel', 'OpenAICompatibleModelSettings'],
  },
  // xAI: Chat Completions as an OpenAICompatibleChatModel subclass, or `api: 'responses'` on
  // OpenAIResponsesChatModel.
  xai: {
    'providers/openai-compatible': ['OpenAICompatibleChatModel', 'OpenAICompatibleModelSettings'],
    'providers/openai-responses': ['OpenAIResponsesChatModel'],
  },
  // The hosted presets with quirks subclass OpenAICompatibleChatModel through its hooks.
  ...Object.fromEntries(
    ['mistral', 'deepseek', 'openrouter', 'perplexity'].map((name) => [
      name,
      {
        'providers/openai-compatible': [
          'OpenAICompatibleChatModel',
          'HOSTED_PROVIDER_PRESETS',
          'HostedChatModelSettings',
        ],
      },
    ]),
  ),
  // Azure OpenAI is Chat Completions and embeddings on another URL, key header and sign-in.
  azure: {
    'providers/openai-compatible': ['OpenAICompatibleChatModel'],
    'providers/openai': ['OpenAIEmbeddingModel'],
  },
};

const dirsOf = (path) =>
  readdirSync(new URL(path, import.meta.url), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);
const providerNames = dirsOf('./lib/providers/').filter((name) => name !== 'shared');
for (const name of providerNames) {
  FLOORS[`providers/${name}`] = ['core', 'providers/shared'];
}
const folders = [
  ...dirsOf('./lib/').filter((name) => name !== 'providers'),
  'providers/shared',
  ...providerNames.map((name) => `providers/${name}`),
];
const unplaced = folders.filter((folder) => !(folder in FLOORS));
const misplacedReuse = Object.entries(PROVIDER_REUSE).flatMap(([name, targets]) =>
  [name, ...Object.keys(targets).map((target) => target.slice('providers/'.length))].filter(
    (provider) => !providerNames.includes(provider),
  ),
);
if (misplacedReuse.length > 0) {
  throw new Error(
    `eslint.config.mjs: PROVIDER_REUSE names no provider ${misplacedReuse.join(', ')}`,
  );
}
if (unplaced.length > 0) {
  throw new Error(`eslint.config.mjs: give lib/${unplaced.join(', lib/')} a floor in FLOORS`);
}

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/**
 * An import, written relative, that climbs out of the importing folder into `folder`: anywhere in
 * it, only its index (`'index'`), or only its files (`'files'`).
 */
const intoFolder = (folder, part = 'any') => {
  const [top, name] = folder.split('/');
  // From inside providers/<x> a sibling provider is `../<name>`; from elsewhere `../providers/<name>`.
  const target = name === undefined ? escape(top) : `(?:providers/)?${escape(name)}`;
  const end = { any: '(?:/|$)', index: '$', files: '/' }[part];
  return `^\\.\\.(?:/\\.\\.)*/${target}${end}`;
};
const ROOT_FILES = [
  'index',
  'conduit-options.interface',
  'conduit.module',
  'conduit.module-definition',
  'validate-conduit-options',
];
const intoRoot = (files) =>
  `^\\.\\.(?:/\\.\\.)*(?:/(?:${files.map(escape).join('|')})(?:\\.js)?)?$`;

/** The `no-restricted-imports` patterns of one floor. */
function patternsOf(floor) {
  const allowed = FLOORS[floor];
  const self = {
    regex: '^nestjs-conduit(?:/|$)',
    message: 'Import lib/ files by relative path: the package name points back at lib/index.ts.',
  };
  if (allowed === '*') return [self];
  const canImport = (folder) =>
    folder === floor ||
    allowed.includes(folder) ||
    (allowed.includes('providers/*') && folder.startsWith('providers/'));
  const low = floor === 'core' || floor.startsWith('providers/');
  const reuse = floor.startsWith('providers/')
    ? (PROVIDER_REUSE[floor.slice('providers/'.length)] ?? {})
    : {};
  const patterns = folders
    .filter((folder) => !canImport(folder))
    .flatMap((folder) => {
      const refused = `lib/${floor} may import ${allowed.length === 0 ? 'nothing else of lib/' : allowed.join(', ')}; lib/${folder} is not below it. Move what both need down a floor, or add an extension point here that lib/${folder} registers into (floors: eslint.config.mjs).`;
      const names = reuse[folder];
      if (names === undefined) return [{ regex: intoFolder(folder), message: refused }];
      const reused = `lib/${floor} builds on lib/${folder} through its index only, and only on ${names.join(', ')} (PROVIDER_REUSE in eslint.config.mjs); shared wire code goes in providers/shared/.`;
      return [
        { regex: intoFolder(folder, 'files'), message: reused },
        { regex: intoFolder(folder, 'index'), allowImportNames: [...names], message: reused },
      ];
    });
  patterns.push({
    regex: intoRoot(low ? [...ROOT_FILES, 'conduit.constants'] : ROOT_FILES),
    message: `lib/${floor} must not import the files of lib/ itself${low ? '' : ' (but conduit.constants)'}, nor an index from inside its folder: each floor owns its part of the options (e.g. models/model-options.types.ts), and the module composes them.`,
  });
  if (floor === 'core') {
    patterns.push({ regex: '^@nestjs/', message: 'lib/core imports nothing of Nest.' });
  }
  patterns.push(self);
  return patterns;
}

/**
 * @param {{ regex: string; message: string }[]} patterns
 * @returns {import('eslint').Linter.RulesRecord}
 */
const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

/** @type {import('eslint').Linter.Config[]} */
const floorRules = [
  ...Object.keys(FLOORS).map((floor) => ({
    files: [`lib/${floor}/**/*.ts`],
    ignores: ['**/*.spec.ts'],
    rules: restrict(patternsOf(floor)),
  })),
  {
    files: ['lib/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: restrict([
      {
        regex: '^\\./testing(?:/|$)',
        message:
          'lib/testing is its own entry point (nestjs-conduit/testing); only specs import it.',
      },
      {
        regex: '^\\./mcp(?:/|$)',
        message:
          'lib/mcp is its own entry point (nestjs-conduit/mcp), so that importing nestjs-conduit never loads the MCP SDK.',
      },
    ]),
  },
];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'dist-sample/**',
      'coverage/**',
      '.artifacts/**',
      'node_modules/**',
      '*.js',
      '*.mjs',
      'test/scripts/*.mjs',
      // A child-process MCP server for the specs, plain JavaScript so it runs without a build.
      'test/mcp/fixtures/*.mjs',
      // The sample's stdio MCP server, plain JavaScript for the same reason.
      'sample/mcp/*.mjs',
      // The require hook that lets child processes of the specs run TypeScript (plain JavaScript:
      // it is what compiles the rest).
      'test/support/*.cjs',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-extraneous-class': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  // The floors of lib/ (see the top of this file).
  ...floorRules,
  {
    files: ['**/*.spec.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/require-await': 'off',
    },
  },
);
