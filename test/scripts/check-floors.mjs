// Checks that the floor rule of eslint.config.mjs (no-restricted-imports per lib/ folder) refuses
// the imports that break the floors and accepts the ones they allow: a probe import is linted as
// the text of an existing file of each floor. Run: node test/scripts/check-floors.mjs
import { ESLint } from 'eslint';

/** [a file of the floor, the import it would make, whether the floors allow it, the names it imports] */
const CASES = [
  ['lib/core/usage.types.ts', '../chat/chat.service', false],
  ['lib/core/usage.types.ts', '@nestjs/common', false],
  ['lib/core/errors/conduit.error.ts', '../../conduit.constants', false],
  ['lib/core/errors/conduit.error.ts', '../message.types', true],
  ['lib/providers/anthropic/index.ts', '../openai', false],
  ['lib/providers/anthropic/index.ts', '../shared/http-client', true],
  ['lib/providers/anthropic/index.ts', '../../models/model-registry', false],
  ['lib/providers/anthropic/index.ts', '../shared/openai-wire/openai-errors', true],
  ['lib/providers/shared/openai-wire/openai-connection.ts', '../http-client', true],
  ['lib/providers/shared/openai-wire/openai-connection.ts', '../../openai', false],
  [
    'lib/providers/shared/openai-wire/openai-connection.ts',
    '../../../models/model-registry',
    false,
  ],
  // PROVIDER_REUSE: another provider's listed classes through its index, never its files.
  ['lib/providers/openai-responses/index.ts', '../openai', true, ['OpenAIChatModel']],
  ['lib/providers/openai-responses/index.ts', '../openai', false, ['OpenAIEmbeddingModel']],
  ['lib/providers/openai-responses/index.ts', '../openai/openai-chat-model', false],
  ['lib/providers/openai-responses/index.ts', '../openai/map-openai-usage', false],
  ['lib/providers/openai-compatible/index.ts', '../openai', true, ['OpenAIChatModel']],
  ['lib/providers/groq/index.ts', '../openai-compatible', true, ['OpenAICompatibleChatModel']],
  ['lib/providers/groq/index.ts', '../openai-compatible', false, ['OPENAI_COMPATIBLE_PRESETS']],
  ['lib/providers/groq/index.ts', '../openai', false, ['OpenAIChatModel']],
  ['lib/providers/groq/index.ts', '../openai-responses', false, ['OpenAIResponsesChatModel']],
  ['lib/providers/xai/index.ts', '../openai-responses', true, ['OpenAIResponsesChatModel']],
  ['lib/providers/xai/index.ts', '../openai-responses/responses-errors', false],
  ['lib/providers/openai/index.ts', '../openai-compatible', false, ['OpenAICompatibleChatModel']],
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
  // Guardrails sit above chat (TopicGuardrail asks ChatService for a verdict), below nothing else.
  ['lib/guardrails/topic.guardrail.ts', '../chat/chat.service', true],
  ['lib/guardrails/topic.guardrail.ts', '../agent/agent.service', false],
  ['lib/guardrails/topic.guardrail.ts', '../testing', false],
  ['lib/core/usage.types.ts', '../guardrails', false],
  ['lib/flow/steps/agent-step.ts', '../../memory/conversation-memory', false],
  ['lib/rag/chain/rag-chain.ts', '../../testing', false],
  ['lib/rag/chain/rag-chain.ts', '../../conduit.module', false],
  ['lib/rag/chain/rag-chain.ts', 'nestjs-conduit', false],
  ['lib/testing/mock-chat-model.ts', '../conduit.module', true],
  // The queue entry point builds on agent runs; the root never reaches bullmq through it.
  ['lib/queue/agent-run-queue.ts', '../agent/agent.service', true],
  ['lib/queue/agent-run-queue.ts', '../testing', false],
  ['lib/agent/agent.service.ts', '../queue/agent-run-queue', false],
  // Graph runs on the queue build on flow; flow never reaches bullmq through the queue.
  ['lib/queue/workflow-queue.ts', '../flow/graph/compiled-graph', true],
  ['lib/flow/graph/compiled-graph.ts', '../../queue/workflow-queue', false],
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
for (const [filePath, source, allowed, names] of CASES) {
  const text = names
    ? `import { ${names.join(', ')} } from '${source}';\n`
    : `import '${source}';\n`;
  const [result] = await eslint.lintText(text, { filePath });
  const refused = (result?.messages ?? []).some((m) => m.ruleId === 'no-restricted-imports');
  const ok = refused !== allowed;
  if (!ok) {
    failures += 1;
    const what = names ? `{ ${names.join(', ')} } from ${source}` : source;
    console.error(`FAIL ${filePath} -> ${what}: ${refused ? 'refused' : 'allowed'}`);
  }
}
if (failures > 0) {
  console.error(`${failures} of ${CASES.length} floor cases wrong (eslint.config.mjs, FLOORS)`);
  process.exit(1);
}
console.log(`floors: ${CASES.length} cases as expected`);
