import type { Server } from 'node:http';
import * as path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import {
  cost,
  describeEval,
  latency,
  llmJudge,
  type EvalScorer,
  type Score,
  type ScorerContext,
} from 'nestjs-conduit/testing';
import request from 'supertest';
import type { AgentAnswer } from '../../sample/agent/agent-answer.types';
import { startSampleApp } from '../sample/sample-app';
import { demoBaseline, sampleEvalEnv, usesRealModel } from './sample-eval-env';

/** The tool the agent should call for a message (with at least these arguments), or none. */
interface ExpectedTool {
  readonly tool: string | null;
  readonly args?: Readonly<Record<string, unknown>>;
}

const CASES: readonly { input: string; expected: ExpectedTool }[] = [
  {
    input: 'What is the weather in Paris?',
    expected: { tool: 'get_weather', args: { city: 'Paris' } },
  },
  {
    input: 'How is the weather in Lisbon today?',
    expected: { tool: 'get_weather', args: { city: 'Lisbon' } },
  },
  {
    input: 'What is 1234 * 5678?',
    expected: { tool: 'calculate', args: { a: 1234, b: 5678, operator: '*' } },
  },
  {
    input: 'Please compute 90 / 3',
    expected: { tool: 'calculate', args: { a: 90, b: 3, operator: '/' } },
  },
  {
    input: 'Where is my order #A-1001?',
    expected: { tool: 'get_order_status', args: { orderId: 'A-1001' } },
  },
  { input: 'Hello! Who are you?', expected: { tool: null } },
];

/**
 * A custom scorer (a plain function): the expected tool was called with the expected arguments,
 * or no tool at all for small talk. Per case, unlike `toolCalled(name)`, which is one tool for
 * the whole eval.
 */
function expectedToolCall({
  toolCalls,
  expected,
}: ScorerContext<string, AgentAnswer, ExpectedTool>): Score {
  if (expected === undefined) return { score: 0, reason: 'the case has no expected tool' };
  if (expected.tool === null) {
    return toolCalls.length === 0
      ? { score: 1 }
      : { score: 0, reason: `called ${toolCalls.map((c) => c.name).join(', ')}` };
  }
  const call = toolCalls.find((c) => c.name === expected.tool);
  if (call === undefined) return { score: 0, reason: `${expected.tool} was not called` };
  const wrong = Object.entries(expected.args ?? {}).filter(
    ([key, value]) => call.arguments[key] !== value,
  );
  return wrong.length === 0
    ? { score: 1 }
    : {
        score: 0.5,
        pass: false,
        reason: `${expected.tool} called with ${JSON.stringify(call.arguments)}`,
      };
}

const env = sampleEvalEnv();
let app: INestApplication;
let http: Server;

const scorers: EvalScorer<string, AgentAnswer, ExpectedTool>[] = [
  expectedToolCall,
  latency({ maxMs: 20_000 }),
  cost({ maxUsd: 0.01 }),
];
if (usesRealModel(env)) {
  scorers.push(
    llmJudge({
      rubric: 'The answer uses the tool result to answer the question in one or two sentences.',
    }),
  );
}

// The agent route end to end (HTTP, validation pipe, interceptors, tools), as a client calls it.
describeEval('sample agent: tool choice', {
  app: async () => {
    ({ app, http } = await startSampleApp(env));
    return app;
  },
  data: CASES,
  task: async (message) => {
    const res = await request(http).post('/agent').send({ message }).expect(200);
    return res.body as AgentAnswer;
  },
  scorers,
  threshold: 0.9,
  timeoutMs: 30_000,
  report: demoBaseline(env, path.join(__dirname, 'baselines', 'sample-agent.json')),
});
