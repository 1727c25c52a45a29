/**
 * The cost of file parts on the way out, for PDFs of 1, 5 and 20 MB: the upload pipe (magic-byte
 * sniffing and base64 encoding), ChatService's message validation (the base64 check), the
 * capability check, the provider body builders (size limits, data: URL) and the JSON
 * serialisation the HTTP client does. Every step is synchronous: the figures are the time the
 * event loop is held per call.
 *
 *   npx tsc -p bench/tsconfig.json && node node_modules/.cache/nestjs-conduit-bench/bench/file-parts.js
 *
 * Figures are printed, never asserted.
 */
import { checkContentSupport } from '../lib/chat/check-content-support';
import { FileToPartPipe } from '../lib/chat/uploads/file-to-part.pipe';
import { validateMessages } from '../lib/chat/validate-messages';
import type { Message } from '../lib/core';
import { findModelInfo } from '../lib/core/catalogue/find-model-info';
import { buildAnthropicMessagesBody } from '../lib/providers/anthropic/anthropic-request';
import { buildOpenAIChatBody } from '../lib/providers/openai/openai-request';

const MB = 1024 * 1024;
const SIZES_MB = [1, 5, 20];
const REPEATS = 5;

function bestMs(run: () => unknown): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < REPEATS; i++) {
    const started = process.hrtime.bigint();
    run();
    best = Math.min(best, Number(process.hrtime.bigint() - started) / 1e6);
  }
  return best;
}

const pipe = new FileToPartPipe({ maxBytes: 32 * MB });
const gpt4o = findModelInfo('openai', 'gpt-4o').info;
const openaiTarget = {
  model: 'gpt-4o',
  baseUrl: 'https://api.openai.com/v1',
  providerName: 'openai',
  stream: false,
};
const claudeTarget = { model: 'claude-sonnet-4-5', stream: false };

const steps: Record<string, (pdf: Buffer, messages: Message[]) => unknown> = {
  'FileToPartPipe.transform': (pdf) =>
    pipe.transform({
      originalname: 'a.pdf',
      mimetype: 'application/pdf',
      size: pdf.length,
      buffer: pdf,
    }),
  'validateMessages (base64)': (_pdf, messages) => validateMessages(messages),
  checkContentSupport: (_pdf, messages) => checkContentSupport(messages, gpt4o),
  'OpenAI Chat body': (_pdf, messages) => buildOpenAIChatBody({ messages }, openaiTarget),
  'Anthropic body': (_pdf, messages) => buildAnthropicMessagesBody({ messages }, claudeTarget),
  'JSON.stringify(OpenAI body)': (_pdf, messages) =>
    JSON.stringify(buildOpenAIChatBody({ messages }, openaiTarget).body),
};

console.log(`file parts, best of ${REPEATS} (ms)`);
console.log(['step', ...SIZES_MB.map((n) => `${n} MB`)].join('\t'));
const inputs = SIZES_MB.map((n) => {
  const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(n * MB - 9, 0x41)]);
  const messages: Message[] = [
    {
      role: 'user',
      content: [
        { type: 'text', text: 'Summarise' },
        { type: 'file', data: pdf.toString('base64'), mediaType: 'application/pdf' },
      ],
    },
  ];
  return { pdf, messages };
});
for (const [name, step] of Object.entries(steps)) {
  const times = inputs.map(({ pdf, messages }) => bestMs(() => step(pdf, messages)));
  console.log([name, ...times.map((t) => t.toFixed(2))].join('\t'));
}
