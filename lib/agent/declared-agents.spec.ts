import { Injectable, Logger } from '@nestjs/common';
import type { TestingModule } from '@nestjs/testing';
import { lastValueFrom, toArray } from 'rxjs';
import { ConduitValidationError } from '../core';
import { createConduitTestingModule, MockChatModel, MockResponses } from '../testing';
import { MathTools, ToolLog } from '../../test/fixtures/agent-app/math.tools';
import type { AgentEvent } from './agent-event.types';
import { Agent } from './agent.decorator';
import { AgentService } from './agent.service';
import { ConduitAgent } from './conduit-agent';
import { Tool } from '../tools/tool.decorator';

@Agent({
  name: 'calculator',
  system: 'You compute.',
  tools: ['add'],
  maxIterations: 3,
  temperature: 0,
})
class CalculatorAgent extends ConduitAgent {
  readonly seen: string[] = [];

  protected override observe(event: AgentEvent): void {
    this.seen.push(event.type);
  }
}

/** A service that depends on an agent by its class, like any provider. */
@Injectable()
class Homework {
  constructor(readonly calculator: CalculatorAgent) {}
}

@Agent({ maxIterations: 0, model: 'missing' })
class BrokenAgent extends ConduitAgent {}

@Agent({ tools: ['not_registered_yet'] })
class EarlyAgent extends ConduitAgent {}

/** Has a @Tool() method but is in no module's providers, so none of its tools is registered. */
class UnlistedTools {
  @Tool({ description: 'Never discovered' })
  hidden(): string {
    return 'hidden';
  }
}

@Agent({ tools: { classes: [UnlistedTools] } })
class UnlistedToolsAgent extends ConduitAgent {}

@Agent()
class NotAnAgent {}

class Undecorated extends ConduitAgent {}

let moduleRef: TestingModule | undefined;
afterEach(async () => {
  await moduleRef?.close();
  moduleRef = undefined;
  jest.restoreAllMocks();
});

async function boot(model: MockChatModel, providers: unknown[]): Promise<TestingModule> {
  const compiled = await createConduitTestingModule({
    models: { default: model, fast: new MockChatModel() },
    providers: [ToolLog, MathTools, ...(providers as [])],
  }).compile();
  // Kept for afterEach only once started: closing a module whose init failed rethrows the error.
  await compiled.init();
  moduleRef = compiled;
  return compiled;
}

describe('AgentService.define (make-agent)', () => {
  it('runs with its fixed options; each call adds a prompt or overrides options', async () => {
    const model = new MockChatModel({
      responses: [MockResponses.toolCall('add', { a: 1, b: 2 }), '3', 'again'],
    });
    const agents = (await boot(model, [])).get(AgentService);
    const calculator = agents.define({ system: 'You compute.', tools: ['add'], maxIterations: 3 });
    const first = await calculator.run('1 + 2?');
    expect(first.text).toBe('3');
    expect(model.requests[0]?.messages[0]).toEqual({ role: 'system', content: 'You compute.' });
    expect(model.requests[0]?.tools?.map((t) => t.name)).toEqual(['add']);
    const next = await calculator.run({
      messages: first.messages.slice(1),
      prompt: 'again',
      tools: [],
    });
    expect(next.text).toBe('again');
    expect(model.requests[2]?.tools).toBeUndefined();
    expect(model.requests[2]?.messages.at(-1)).toEqual({ role: 'user', content: 'again' });
    expect(calculator.options.maxIterations).toBe(3);
  });
});

describe('@Agent() classes', () => {
  it('are injectable providers that run with the declared options and observe every event', async () => {
    const model = new MockChatModel({
      responses: [MockResponses.toolCall('add', { a: 2, b: 2 }), '4'],
    });
    const homework = (await boot(model, [CalculatorAgent, Homework])).get(Homework);
    const result = await homework.calculator.run('2 + 2?');
    expect(result.text).toBe('4');
    expect(model.requests[0]).toMatchObject({
      temperature: 0,
      messages: [
        { role: 'system', content: 'You compute.' },
        { role: 'user', content: '2 + 2?' },
      ],
    });
    expect(homework.calculator.seen).toContain('tool-call-finish');
    expect(homework.calculator.seen.at(-1)).toBe('finish');
    expect(homework.calculator.declaration.name).toBe('calculator');
  });

  it('stream with the declared options and still call the caller onEvent', async () => {
    const model = new MockChatModel({ responses: ['four'] });
    const calculator = (await boot(model, [CalculatorAgent])).get(CalculatorAgent);
    const callerSeen: string[] = [];
    const events = await lastValueFrom(
      calculator
        .stream({ prompt: '2 + 2?', onEvent: (e) => callerSeen.push(e.type) })
        .pipe(toArray()),
    );
    expect(events.at(-1)?.type).toBe('finish');
    expect(callerSeen).toEqual(calculator.seen);
  });

  it('stops the application start listing every declaration problem', async () => {
    const failure = boot(new MockChatModel(), [BrokenAgent, NotAnAgent]);
    await expect(failure).rejects.toBeInstanceOf(ConduitValidationError);
    await expect(failure).rejects.toThrow(
      /Invalid @Agent\(\) declarations:\n {2}- BrokenAgent\.maxIterations: must be an integer >= 1\n {2}- BrokenAgent\.model: unknown chat model alias "missing"; known aliases: default, fast\n {2}- NotAnAgent: an @Agent\(\) class must extend ConduitAgent/,
    );
  });

  it('only warns about tool names not registered at bootstrap', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    await boot(new MockChatModel(), [EarlyAgent]);
    expect(warn).toHaveBeenCalledWith(
      'EarlyAgent: tools not_registered_yet are not registered; its runs fail until they are added.',
    );
  });

  it('warns at bootstrap, and fails the run, when a tool class of the agent gave no tool', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const module = await boot(new MockChatModel({ responses: ['never'] }), [UnlistedToolsAgent]);
    const message =
      "UnlistedTools has no registered @Tool() method: list it in a module's providers (tools are discovered on providers) and check its methods carry @Tool()";
    expect(warn).toHaveBeenCalledWith(
      `UnlistedToolsAgent: ${message}; its runs fail until it does.`,
    );
    await expect(module.get(UnlistedToolsAgent).run({ prompt: 'hi' })).rejects.toThrow(message);
  });

  it('an undecorated ConduitAgent subclass says what is missing', async () => {
    const module = await boot(new MockChatModel(), [
      { provide: Undecorated, useClass: Undecorated },
    ]);
    expect(() => module.get(Undecorated).declaration).toThrow(
      /Undecorated: decorate the class with @Agent/,
    );
  });
});

describe('DeclaredAgent.stream', () => {
  it('streams with the fixed options', async () => {
    const model = new MockChatModel({ responses: ['streamed'] });
    const agents = (await boot(model, [])).get(AgentService);
    const events = await lastValueFrom(
      agents.define({ system: 'S', tools: [] }).stream('hi').pipe(toArray()),
    );
    expect(events.at(-1)).toMatchObject({ type: 'finish', result: { text: 'streamed' } });
    expect(model.requests[0]?.messages[0]).toEqual({ role: 'system', content: 'S' });
  });
});
