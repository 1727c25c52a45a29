import { Injectable } from '@nestjs/common';
import type { TestingModule } from '@nestjs/testing';
import { lastValueFrom, toArray } from 'rxjs';
import { Agent } from '../agent/agent.decorator';
import { ConduitAgent } from '../agent/conduit-agent';
import { ConduitValidationError, GuardrailViolationError, type ConduitInterceptor } from '../core';
import { createConduitTestingModule, MockChatModel, MockResponses } from '../testing';
import { Tool } from '../tools/tool.decorator';
import { MaxLengthGuardrail } from './max-length.guardrail';
import { PiiRedactionGuardrail } from './pii-redaction.guardrail';
import { UseGuardrails } from './use-guardrails.decorator';

@Injectable()
class CustomerTools {
  @Tool({ description: 'The customer on file' })
  customer(): string {
    return 'Jane, jane.doe@example.com';
  }
}

const pii = new PiiRedactionGuardrail({
  stages: ['input', 'output', 'tool-result'],
  logger: false,
});

@UseGuardrails(pii)
@Agent({ system: 'You help customers.', tools: ['customer'] })
class GuardedAgent extends ConduitAgent {}

@Agent({ system: 'You help customers.', tools: ['customer'] })
class PlainAgent extends ConduitAgent {}

@UseGuardrails(new MaxLengthGuardrail({ maxOutputChars: 5, logger: false }))
@Agent()
class TerseAgent extends ConduitAgent {}

let moduleRef: TestingModule | undefined;
afterEach(async () => {
  await moduleRef?.close();
  moduleRef = undefined;
});

async function boot(model: MockChatModel): Promise<TestingModule> {
  moduleRef = await createConduitTestingModule({
    models: { default: model },
    providers: [CustomerTools, GuardedAgent, PlainAgent, TerseAgent],
  }).compile();
  await moduleRef.init();
  return moduleRef;
}

describe('@UseGuardrails() on an @Agent() class', () => {
  it("runs the agent's model and tool calls through the guardrails", async () => {
    const model = new MockChatModel({
      responses: [MockResponses.toolCall('customer', {}), 'Mail sent to jane.doe@example.com.'],
    });
    const agent = (await boot(model)).get(GuardedAgent);
    const result = await agent.run('I am bob@example.org, who is on file?');
    expect(result.text).toBe('Mail sent to [EMAIL].');
    expect(model.requests[0]?.messages.at(-1)).toEqual({
      role: 'user',
      content: 'I am [EMAIL], who is on file?',
    });
    // The tool's result is redacted before the model reads it.
    const toolMessage = model.requests[1]?.messages.find((m) => m.role === 'tool');
    expect(toolMessage?.content).toBe('Jane, [EMAIL]');
  });

  it('guards streamed runs, and leaves an undecorated agent alone', async () => {
    const model = new MockChatModel({
      responses: ['Write to jane.doe@example.com.', 'Write to jane.doe@example.com.'],
    });
    const app = await boot(model);
    const events = await lastValueFrom(app.get(GuardedAgent).stream('hi').pipe(toArray()));
    const streamed = events
      .map((event) => (event.type === 'text-delta' ? event.delta : ''))
      .join('');
    expect(streamed).toBe('Write to [EMAIL].');
    const plain = await app.get(PlainAgent).run('I am bob@example.org');
    expect(plain.text).toBe('Write to jane.doe@example.com.');
    expect(model.requests[1]?.messages.at(-1)?.content).toBe('I am bob@example.org');
  });

  it("adds to the run's own interceptors instead of replacing them", async () => {
    const model = new MockChatModel({ responses: ['a long answer'] });
    const seen: string[] = [];
    const spy: ConduitInterceptor = {
      intercept: (context, next) => {
        seen.push(context.kind);
        return next.handle();
      },
    };
    const agent = (await boot(model)).get(TerseAgent);
    await expect(agent.run({ prompt: 'hi', interceptors: [spy] })).rejects.toBeInstanceOf(
      GuardrailViolationError,
    );
    expect(seen).toEqual(['chat']);
  });
});

describe('@UseGuardrails() arguments', () => {
  it('refuses no guardrail, a class instead of an instance, and non-interceptors', () => {
    expect(() => UseGuardrails()).toThrow(ConduitValidationError);
    expect(() => UseGuardrails(PiiRedactionGuardrail as unknown as ConduitInterceptor)).toThrow(
      /guardrails\[0\]: pass an instance/,
    );
    expect(() => UseGuardrails(pii, {} as ConduitInterceptor)).toThrow(
      /guardrails\[1\]: expected a guardrail/,
    );
  });
});
