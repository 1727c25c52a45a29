import { Injectable } from '@nestjs/common';
import type { TestingModule } from '@nestjs/testing';
import { IsEmail, IsString } from 'class-validator';
import { ChatService } from '../../../chat/chat.service';
import { AgentService } from '../../../agent/agent.service';
import { Tool } from '../../../tools/tool.decorator';
import { createConduitTestingModule } from '../../create-conduit-testing-module';
import { MockChatModel } from '../../mock-chat-model';
import { MockEmbeddingModel } from '../../mock-embedding-model';
import { MockResponses } from '../../mock-responses';
import { toolCallsOf } from '../eval-tool-calls';
import type { Score, Scorer, ScorerContext } from '../eval.types';
import { cost, latency } from './budget.scorers';
import { embeddingSimilarity } from './embedding-similarity.scorer';
import { faithfulness } from './faithfulness.scorer';
import { llmJudge } from './llm-judge.scorer';
import { jsonSchema } from './schema.scorers';
import { exactMatch, includes, regex } from './text.scorers';
import { noToolCalled, toolCalled } from './tool.scorers';

function context(fields: Partial<ScorerContext> = {}): ScorerContext {
  return {
    input: 'in',
    output: '',
    expected: undefined,
    index: 0,
    toolCalls: [],
    durationMs: 10,
    costUsd: 0,
    tokens: { input: 0, output: 0 },
    target: undefined,
    signal: new AbortController().signal,
    ...fields,
  };
}

async function score(scorer: Scorer, fields: Partial<ScorerContext>): Promise<Score> {
  return scorer(context(fields));
}

@Injectable()
class WeatherTools {
  @Tool({ name: 'get_weather', description: 'Weather in a city', parameters: { type: 'object' } })
  weather(): string {
    return 'sunny';
  }
}

class ContactDto {
  @IsString()
  readonly name!: string;

  @IsEmail()
  readonly email!: string;
}

describe('text scorers', () => {
  it('exactMatch compares trimmed text (case with ignoreCase) and other values deeply', async () => {
    expect(await score(exactMatch(), { output: ' Paris\n', expected: 'Paris' })).toEqual({
      score: 1,
    });
    expect((await score(exactMatch(), { output: 'paris', expected: 'Paris' })).score).toBe(0);
    expect(
      (await score(exactMatch({ ignoreCase: true }), { output: 'paris', expected: 'Paris' })).score,
    ).toBe(1);
    expect(
      (await score(exactMatch(), { output: { text: 'Paris' }, expected: 'Paris' })).score,
    ).toBe(1);
    expect(
      (await score(exactMatch(), { output: { a: [1, 2] }, expected: { a: [1, 2] } })).score,
    ).toBe(1);
    expect((await score(exactMatch(), { output: { a: [1] }, expected: { a: [1, 2] } })).score).toBe(
      0,
    );
    await expect(score(exactMatch(), { output: 'x' })).rejects.toThrow('exactMatch needs');
  });

  it('includes scores the share of substrings found and names the missing ones', async () => {
    expect(
      await score(includes(['21', 'Paris', 'rain']), { output: 'It is 21 °C in Paris.' }),
    ).toEqual({
      score: 2 / 3,
      reason: 'missing "rain"',
    });
    expect(
      (await score(includes(), { output: { answer: 'It is in Paris' }, expected: 'paris' })).score,
    ).toBe(0);
    expect(
      (
        await score(includes(undefined, { ignoreCase: true }), {
          output: 'PARIS',
          expected: ['paris'],
        })
      ).score,
    ).toBe(1);
  });

  it('regex matches the output text, a global pattern case after case', async () => {
    const scorer = regex(/\d+ °C/g);
    expect((await score(scorer, { output: '21 °C' })).score).toBe(1);
    expect((await score(scorer, { output: '22 °C' })).score).toBe(1);
    expect(await score(scorer, { output: 'warm' })).toEqual({
      score: 0,
      reason: '/\\d+ °C/g does not match "warm"',
    });
  });
});

describe('jsonSchema', () => {
  it('validates an object against a class-validator DTO, listing every problem', async () => {
    expect(
      await score(jsonSchema(ContactDto), { output: { name: 'Ada', email: 'ada@example.com' } }),
    ).toEqual({ score: 1 });
    const bad = await score(jsonSchema(ContactDto), { output: { name: 3, email: 'nope' } });
    expect(bad.score).toBe(0);
    expect(bad.reason).toContain('name:');
    expect(bad.reason).toContain('email:');
  });

  it('finds the JSON object in a text answer and checks a raw JSON Schema', async () => {
    const schema = {
      type: 'object',
      properties: { city: { type: 'string' } },
      required: ['city'],
    } as const;
    expect((await score(jsonSchema(schema), { output: 'Here: {"city":"Paris"}' })).score).toBe(1);
    expect(await score(jsonSchema(schema), { output: '{"town":"Paris"}' })).toEqual({
      score: 0,
      reason: 'city: is required',
    });
    expect(await score(jsonSchema(schema), { output: 'no json' })).toEqual({
      score: 0,
      reason: 'the output contains no JSON object',
    });
  });
});

describe('tool scorers on a real agent run', () => {
  let moduleRef: TestingModule;

  afterEach(async () => {
    await moduleRef.close();
  });

  it('toolCalled / noToolCalled read the AgentResult tool calls', async () => {
    const model = new MockChatModel({
      responses: [MockResponses.toolCall('get_weather', { city: 'Paris', unit: 'C' }), 'Sunny.'],
    });
    moduleRef = await createConduitTestingModule({
      models: { default: model },
      providers: [WeatherTools],
    }).compile();
    await moduleRef.init();
    const result = await moduleRef.get(AgentService).run({ prompt: 'Weather in Paris?' });
    const toolCalls = toolCallsOf(result);

    expect(toolCalls).toEqual([{ name: 'get_weather', arguments: { city: 'Paris', unit: 'C' } }]);
    expect((await score(toolCalled('get_weather'), { toolCalls })).score).toBe(1);
    expect((await score(toolCalled('get_weather', { city: 'Paris' }), { toolCalls })).score).toBe(
      1,
    );
    expect(await score(toolCalled('get_weather', { city: 'Rome' }), { toolCalls })).toEqual({
      score: 0,
      reason:
        'get_weather was not called with {"city":"Rome"} (called: get_weather({"city":"Paris","unit":"C"}))',
    });
    expect(await score(toolCalled('calculate'), { toolCalls })).toEqual({
      score: 0,
      reason: 'calculate was not called (called: get_weather({"city":"Paris","unit":"C"}))',
    });
    expect((await score(noToolCalled(), { toolCalls })).score).toBe(0);
    expect((await score(noToolCalled('calculate'), { toolCalls })).score).toBe(1);
    expect((await score(noToolCalled(), { toolCalls: [] })).score).toBe(1);
  });

  it('toolCallsOf reads ChatResponse-like and chatWithContext-like outputs too', () => {
    const call = { id: 'c1', name: 'calculate', arguments: { a: 1 }, rawArguments: '{"a":1}' };
    expect(toolCallsOf({ toolCalls: [call] })).toEqual([
      { name: 'calculate', arguments: { a: 1 } },
    ]);
    expect(toolCallsOf({ response: { toolCalls: [call] } })).toEqual([
      { name: 'calculate', arguments: { a: 1 } },
    ]);
    expect(toolCallsOf('text')).toEqual([]);
    moduleRef = { close: async () => undefined } as TestingModule;
  });
});

describe('budget scorers', () => {
  it('latency passes within the budget and grades a slow case', async () => {
    expect(await score(latency({ maxMs: 100 }), { durationMs: 80 })).toEqual({ score: 1 });
    expect(await score(latency({ maxMs: 100 }), { durationMs: 200 })).toEqual({
      score: 0.5,
      pass: false,
      reason: 'took 200 ms, budget 100 ms',
    });
  });

  it('cost passes within the budget and fails when the cost is unknown', async () => {
    expect(await score(cost({ maxUsd: 0.01 }), { costUsd: 0.005 })).toEqual({ score: 1 });
    expect((await score(cost({ maxUsd: 0.01 }), { costUsd: 0.02 })).score).toBe(0.5);
    expect((await score(cost({ maxUsd: 0.01 }), { costUsd: undefined })).score).toBe(0);
  });
});

describe('model-based scorers', () => {
  let moduleRef: TestingModule;
  let judge: MockChatModel;

  async function withJudge(respond: (prompt: string) => string): Promise<void> {
    judge = new MockChatModel({ respond: (request) => respond(JSON.stringify(request.messages)) });
    moduleRef = await createConduitTestingModule({
      models: { default: judge },
      embeddingModels: { default: new MockEmbeddingModel() },
    }).compile();
  }

  afterEach(async () => {
    await moduleRef.close();
  });

  it('llmJudge asks for { reasoning, score } against the rubric and keeps the reasoning', async () => {
    await withJudge(() =>
      JSON.stringify({ reasoning: 'Names the city but no temperature.', score: 0.4 }),
    );
    const verdict = await score(llmJudge({ rubric: 'Gives a temperature and a city.' }), {
      input: 'Weather in Paris?',
      output: 'Paris is nice.',
      target: moduleRef,
    });

    expect(verdict).toEqual({
      score: 0.4,
      pass: false,
      reason: 'Names the city but no temperature.',
    });
    const prompt = JSON.stringify(judge.lastRequest?.messages);
    expect(prompt).toContain('RUBRIC:\\nGives a temperature and a city.');
    expect(prompt).toContain('ANSWER:\\nParis is nice.');
    expect(judge.lastRequest?.responseFormat).toMatchObject({ type: 'json_schema' });
  });

  it('faithfulness scores the share of claims the sources support, naming the others', async () => {
    await withJudge(() =>
      JSON.stringify({
        claims: [
          { claim: 'Retries back off exponentially.', supported: true },
          { claim: 'Retries are unlimited.', supported: false },
        ],
      }),
    );
    const ragAnswer = {
      answer: 'Retries back off exponentially and are unlimited.',
      sources: [
        {
          document: {
            id: 'a',
            content: 'Retries back off exponentially, 3 at most.',
            metadata: {},
          },
          score: 1,
          rank: 1,
        },
      ],
    };
    const verdict = await score(faithfulness(), { output: ragAnswer, target: moduleRef });

    expect(verdict).toEqual({
      score: 0.5,
      pass: false,
      reason: 'unsupported: "Retries are unlimited."',
    });
    expect(JSON.stringify(judge.lastRequest?.messages)).toContain(
      '[1] Retries back off exponentially, 3 at most.',
    );
    expect(
      await score(faithfulness(), { output: { answer: 'x', sources: [] }, target: moduleRef }),
    ).toMatchObject({ score: 0 });
  });

  it('embeddingSimilarity is 1 for the same text through ChatService.embed, lower for another', async () => {
    await withJudge(() => '');
    const same = await score(embeddingSimilarity(), {
      output: 'It is 21 °C in Paris',
      expected: 'It is 21 °C in Paris',
      target: moduleRef,
    });
    expect(same.score).toBeCloseTo(1, 6);
    expect(same.pass).toBe(true);
    const other = await score(embeddingSimilarity({ chat: moduleRef.get(ChatService) }), {
      output: 'Bananas are yellow',
      expected: 'It is 21 °C in Paris',
    });
    expect(other.score).toBeLessThan(0.8);
    expect(other.pass).toBe(false);
  });
});
