import type { LoggerService } from '@nestjs/common';
import { lastValueFrom, toArray } from 'rxjs';
import { ChatService } from '../chat/chat.service';
import { GuardrailViolationError, type StreamEvent } from '../core';
import { LoggingInterceptor } from '../interceptors/built-in/logging.interceptor';
import { createConduitTestingModule } from '../testing/create-conduit-testing-module';
import { MockChatModel } from '../testing/mock-chat-model';
import { GUARDRAIL_METADATA_KEY } from './guardrail.constants';
import { PiiRedactionGuardrail } from './pii-redaction.guardrail';

const EMAIL = 'jane.doe@example.com';
const CARD = '4111 1111 1111 1111';

/** A logger that keeps every line, as JSON, to search for leaks. */
function capturingLogger(): LoggerService & { lines: string[] } {
  const lines: string[] = [];
  const keep = (message: unknown): void => {
    lines.push(typeof message === 'string' ? message : JSON.stringify(message));
  };
  return { lines, log: keep, error: keep, warn: keep, debug: keep, verbose: keep };
}

async function boot(mock: MockChatModel, guard: PiiRedactionGuardrail, logger?: LoggerService) {
  const interceptors =
    logger === undefined ? [guard] : [new LoggingInterceptor({ logger, logMessages: true }), guard];
  const moduleRef = await createConduitTestingModule({
    models: { default: mock },
    interceptors,
  }).compile();
  return moduleRef.get(ChatService);
}

const textOf = (events: readonly StreamEvent[]): string =>
  events.map((e) => (e.type === 'text-delta' ? e.delta : '')).join('');

describe('PiiRedactionGuardrail', () => {
  it('redacts the prompt before the model sees it and the answer before the caller does', async () => {
    const mock = new MockChatModel({ responses: [`Sure, I wrote to ${EMAIL}.`] });
    const chat = await boot(mock, new PiiRedactionGuardrail({ logger: false }));
    const { response, context } = await chat.chatWithContext(`My card is ${CARD}, mail ${EMAIL}`);
    expect(mock.lastRequest?.messages).toEqual([
      { role: 'user', content: 'My card is [CARD], mail [EMAIL]' },
    ]);
    expect(response.text).toBe('Sure, I wrote to [EMAIL].');
    expect(context.metadata.get(GUARDRAIL_METADATA_KEY)).toEqual([
      {
        guardrail: 'PiiRedactionGuardrail',
        stage: 'input',
        outcome: 'rewrite',
        category: 'card,email',
        enforced: true,
      },
      {
        guardrail: 'PiiRedactionGuardrail',
        stage: 'output',
        outcome: 'rewrite',
        category: 'email',
        enforced: true,
      },
    ]);
  });

  it.each(['buffer', 'chunked'] as const)(
    '%s mode finds an email and a card split across stream deltas; none of the original reaches the subscriber',
    async (mode) => {
      const chunks = [
        'Mail jane',
        '.doe@exam',
        'ple.com and pay with 4111 11',
        '11 1111 1111 now. Done.',
      ];
      const mock = new MockChatModel({ responses: [{ text: chunks.join(''), chunks }] });
      const chat = await boot(
        mock,
        new PiiRedactionGuardrail({ mode, chunkSize: 8, logger: false }),
      );
      const events = await lastValueFrom(chat.stream('hi').pipe(toArray()));
      const text = textOf(events);
      expect(text).toBe('Mail [EMAIL] and pay with [CARD] now. Done.');
      for (const event of events) {
        const wire = JSON.stringify(event);
        for (const piece of ['jane', 'doe@', 'exam', '4111', '11 1111'])
          expect(wire).not.toContain(piece);
      }
    },
  );

  it('blocks instead when asked, naming the kinds but never the values', async () => {
    const mock = new MockChatModel({ responses: ['never'] });
    const chat = await boot(mock, new PiiRedactionGuardrail({ action: 'block', logger: false }));
    const failure = await chat.chat(`mail ${EMAIL}`).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(GuardrailViolationError);
    expect(failure).toMatchObject({ category: 'pii', stage: 'input', reason: 'found email' });
    expect(String((failure as Error).message)).not.toContain(EMAIL);
    expect(mock.calls).toBe(0);
  });

  it('the original never reaches the logs when it runs inside LoggingInterceptor (messages logged)', async () => {
    const logger = capturingLogger();
    const guardLogger = capturingLogger();
    const mock = new MockChatModel({
      responses: [`Your IBAN DE89 3704 0044 0532 0130 00 is noted`, `ok`],
    });
    const chat = await boot(mock, new PiiRedactionGuardrail({ logger: guardLogger }), logger);
    await chat.chat(`call me at +1 (555) 123-4567, key sk-proj-abcdefghijklmnop1234`);
    await lastValueFrom(chat.stream(`mail ${EMAIL}`).pipe(toArray()));
    const all = [...logger.lines, ...guardLogger.lines].join('\n');
    expect(logger.lines.length).toBeGreaterThan(0);
    expect(guardLogger.lines.join('\n')).toContain('"outcome":"rewrite"');
    for (const value of ['555) 123-4567', 'abcdefghijklmnop1234', 'DE89 3704', EMAIL]) {
      expect(all).not.toContain(value);
    }
  });

  it('redacts tool messages in the prompt by default, and tool results when asked', () => {
    const guard = new PiiRedactionGuardrail({ stages: ['tool-result'], logger: false });
    expect(guard.redact(`owner: ${EMAIL}`)).toEqual({ text: 'owner: [EMAIL]', kinds: ['email'] });
  });

  it('takes its own replacement text and kinds', () => {
    const guard = new PiiRedactionGuardrail({
      kinds: ['card'],
      replacement: () => '***',
      logger: false,
    });
    expect(guard.redact(`${CARD} ${EMAIL}`).text).toBe(`*** ${EMAIL}`);
  });
});
