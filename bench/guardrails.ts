/**
 * Guardrail costs, printed, never asserted:
 * - the CPU time of one PiiRedactionGuardrail check of a 2 kB answer (with an email, a card and a
 *   phone number in it), and of a whole chat() call with and without the guardrail;
 * - a 1 MB streamed answer (20-character deltas) through ChatService with no guardrail, with the
 *   PII guardrail in `buffer` mode and in `chunked` mode (chunkSize 400), in the same run: text
 *   deltas a second of the model stream, and the ratio to the unguarded stream (target for
 *   `chunked`: at least 0.8).
 *
 *   npm run bench:guardrails
 */
import { lastValueFrom } from 'rxjs';
import { ChatService } from '../lib/chat/chat.service';
import { PiiRedactionGuardrail } from '../lib/guardrails/pii-redaction.guardrail';
import type { ConduitInterceptor } from '../lib/core';
import { createConduitTestingModule } from '../lib/testing/create-conduit-testing-module';
import { MockChatModel } from '../lib/testing/mock-chat-model';

const ANSWER_2KB = (() => {
  const prose =
    'Thanks for reaching out about your order. We checked the shipment and it left our warehouse yesterday. ';
  const pii = 'Reach me at jane.doe@example.com or +1 (555) 123-4567; card 4111 1111 1111 1111. ';
  let text = '';
  while (text.length < 2048) text += prose + (text.length % 3 === 0 ? pii : '');
  return text.slice(0, 2048);
})();

function cpuMicros(run: () => void, iterations: number): number {
  const start = process.cpuUsage();
  for (let i = 0; i < iterations; i++) run();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / iterations;
}

async function cpuMicrosAsync(run: () => Promise<unknown>, iterations: number): Promise<number> {
  const start = process.cpuUsage();
  for (let i = 0; i < iterations; i++) await run();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / iterations;
}

async function chatServiceWith(
  model: MockChatModel,
  interceptors: ConduitInterceptor[],
): Promise<ChatService> {
  const moduleRef = await createConduitTestingModule({
    models: { default: model },
    interceptors,
    timeoutMs: 0,
  }).compile();
  return moduleRef.get(ChatService);
}

async function main(): Promise<void> {
  const guard = new PiiRedactionGuardrail({ logger: false });
  for (let i = 0; i < 200; i++) guard.redact(ANSWER_2KB);
  const check = cpuMicros(() => guard.redact(ANSWER_2KB), 2000);
  console.log(`PII check of a 2 kB answer: ${check.toFixed(1)} µs CPU a call`);

  const answers = { respond: () => ANSWER_2KB };
  const plain = await chatServiceWith(new MockChatModel(answers), []);
  const guarded = await chatServiceWith(new MockChatModel(answers), [
    new PiiRedactionGuardrail({ logger: false }),
  ]);
  for (let i = 0; i < 200; i++) {
    await plain.chat('hi');
    await guarded.chat('hi');
  }
  const plainCall = await cpuMicrosAsync(() => plain.chat('hi'), 2000);
  const guardedCall = await cpuMicrosAsync(() => guarded.chat('hi'), 2000);
  console.log(
    `chat() of a 2 kB answer: ${plainCall.toFixed(1)} µs without, ${guardedCall.toFixed(1)} µs with the PII guardrail (+${(guardedCall - plainCall).toFixed(1)} µs)`,
  );

  const delta = 'Plain streamed text. ';
  const chunks: string[] = [];
  for (let size = 0; size < 1 << 20; size += delta.length) chunks.push(delta);
  const text = chunks.join('');
  const script = { respond: () => ({ text, chunks }) };
  const variants: [string, ConduitInterceptor[]][] = [
    ['no guardrail', []],
    ['PII buffer', [new PiiRedactionGuardrail({ mode: 'buffer', logger: false })]],
    ['PII chunked', [new PiiRedactionGuardrail({ mode: 'chunked', logger: false })]],
  ];
  const services = await Promise.all(
    variants.map(([, list]) => chatServiceWith(new MockChatModel(script), list)),
  );
  const best = variants.map(() => Number.POSITIVE_INFINITY);
  for (let round = 0; round < 5; round++) {
    for (const [i, service] of services.entries()) {
      const started = process.hrtime.bigint();
      await lastValueFrom(service.stream('go'));
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      best[i] = Math.min(best[i], seconds);
    }
  }
  console.log(`1 MB stream, ${chunks.length} deltas, best of 5 rounds:`);
  for (const [i, [name]] of variants.entries()) {
    const rate = chunks.length / best[i];
    console.log(
      `  ${name.padEnd(13)} ${Math.round(rate).toLocaleString('en')} deltas/s  ${(rate / (chunks.length / best[0])).toFixed(2)}x`,
    );
  }
}

void main();
