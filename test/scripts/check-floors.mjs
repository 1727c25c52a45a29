// Checks that the floor rule of eslint.config.mjs (no-restricted-imports per lib/ folder) refuses
// the imports that break the floors and accepts the ones they allow: a probe import is linted as
// the text of an existing file of each floor. Run: node test/scripts/check-floors.mjs
import { ESLint } from 'eslint';

/** [a file of the floor, the import it would make, whether the floors allow it] */
const CASES = [
  ['lib/core/usage.types.ts', '../chat/chat.service', false],
  ['lib/core/usage.types.ts', '@nestjs/common', false],
  ['lib/core/errors/conduit.error.ts', '../../conduit.constants', false],
  ['lib/core/errors/conduit.error.ts', '../message.types', true],
  ['lib/providers/anthropic/index.ts', '../openai', false],
  ['lib/providers/anthropic/index.ts', '../shared/http-client', true],
  ['lib/providers/anthropic/index.ts', '../../models/model-registry', false],
  ['lib/providers/openai-responses/index.ts', '../openai', true],
  ['lib/tokens/index.ts', '../interceptors/interceptor-chain', false],
  ['lib/interceptors/interceptor-chain.ts', '../tools/tool.registry', false],
  ['lib/interceptors/interceptor-chain.ts', '../conduit-options.interface', false],
  ['lib/interceptors/interceptor-chain.ts', '../tokens', true],
  ['lib/tools/tool.registry.ts', '../interceptors/interceptor-chain', true],
  ['lib/tools/tool.registry.ts', '../models/model-registry', false],
  ['lib/ops/conduit-shutdown.service.ts', '../chat/chat.service', false],
  ['lib/models/model-registry.ts', '../conduit-options.interface', false],
  ['lib/models/model-registry.ts', '../validate-conduit-options', false],
  ['lib/models/model-registry.ts', '../providers/openai', true],
  ['lib/models/model-registry.ts', '../chat/chat.service', false],
  ['lib/chat/chat.service.ts', '../memory/conversation-memory', false],
  ['lib/chat/chat.service.ts', '../structured/generate-object', false],
  ['lib/chat/chat.service.ts', '../providers/openai', false],
  ['lib/chat/chat.service.ts', '../conduit.constants', true],
  ['lib/memory/conversation-turn.ts', '../structured/generate-object', false],
  ['lib/memory/conversation-turn.ts', '../chat/validate-messages', true],
  ['lib/agent/agent-loop.ts', '../structured/generate-object', false],
  ['lib/agent/agent-loop.ts', '../chat/chat.service', true],
  ['lib/flow/steps/agent-step.ts', '../../agent/agent.service', true],
  ['lib/flow/steps/agent-step.ts', '../../memory/conversation-memory', false],
  ['lib/rag/chain/rag-chain.ts', '../../testing', false],
  ['lib/rag/chain/rag-chain.ts', '../../conduit.module', false],
  ['lib/rag/chain/rag-chain.ts', 'nestjs-conduit', false],
  ['lib/testing/mock-chat-model.ts', '../conduit.module', true],
  ['lib/index.ts', './testing', false],
  ['lib/chat/chat.service.spec.ts', '../memory/conversation-memory', true],
];

// Only the floor rule runs, so the probes need no TypeScript program (seconds instead of half a minute).
const eslint = new ESLint({
  cwd: new URL('../..', import.meta.url).pathname,
  ruleFilter: ({ ruleId }) => ruleId === 'no-restricted-imports',
  overrideConfig: { languageOptions: { parserOptions: { projectService: false } } },
});
let failures = 0;
for (const [filePath, source, allowed] of CASES) {
  const [result] = await eslint.lintText(`import '${source}';\n`, { filePath });
  const refused = (result?.messages ?? []).some((m) => m.ruleId === 'no-restricted-imports');
  const ok = refused !== allowed;
  if (!ok) {
    failures += 1;
    console.error(`FAIL ${filePath} -> ${source}: ${refused ? 'refused' : 'allowed'}`);
  }
}
if (failures > 0) {
  console.error(`${failures} of ${CASES.length} floor cases wrong (eslint.config.mjs, FLOORS)`);
  process.exit(1);
}
console.log(`floors: ${CASES.length} cases as expected`);
