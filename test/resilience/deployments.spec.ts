import { Test, type TestingModule } from '@nestjs/testing';
import { ChatService } from '../../lib/chat/chat.service';
import { ConduitModule } from '../../lib/conduit.module';
import { ConduitValidationError, RateLimitError } from '../../lib/core';
import { ConduitMetadataKeys } from '../../lib/interceptors/built-in/conduit-metadata.keys';
import { CostTracker } from '../../lib/interceptors/built-in/cost-tracker.service';
import { CostTrackingInterceptor } from '../../lib/interceptors/built-in/cost-tracking.interceptor';
import { LoggingInterceptor } from '../../lib/interceptors/built-in/logging.interceptor';
import type { CallLogLine } from '../../lib/interceptors/built-in/logging-options.types';
import { recordedText } from '../support/fixtures';
import { ReplayServer } from '../support/replay-server';
import { errorBody } from '../faults/fault-bodies';
import {
  FAULT_WIRES,
  okFixture,
  rejectionOf,
  runStream,
  type FaultWire,
} from '../faults/fault-harness';

const KEY_ONE = 'sk-deployment-one-0123456789abcdef';
const KEY_TWO = 'sk-deployment-two-fedcba9876543210';

/** A 429 in the wire's own shape, asking to come back in 20 s (the pool must not wait). */
function rateLimited(wire: FaultWire): {
  status: number;
  body: string;
  headers: Record<string, string>;
} {
  return {
    status: 429,
    body: errorBody(
      wire,
      wire === 'openai' ? 'rate_limit_exceeded' : 'rate_limit_error',
      'Rate limit reached for requests',
    ),
    headers: { 'content-type': 'application/json', 'retry-after': '20' },
  };
}

function authorizationOf(wire: FaultWire, headers: Record<string, unknown>): unknown {
  return wire === 'openai' ? headers['authorization'] : headers['x-api-key'];
}

describe.each(FAULT_WIRES)('deployments behind one alias on the %s wire', (wire) => {
  let one: ReplayServer;
  let two: ReplayServer;
  let module: TestingModule;
  let lines: CallLogLine[];
  const model = wire === 'openai' ? 'gpt-4o' : 'claude-sonnet-4-5';

  beforeEach(async () => {
    one = await ReplayServer.start();
    two = await ReplayServer.start();
    lines = [];
    const logger = {
      log: (line: CallLogLine) => lines.push(line),
      error: (line: CallLogLine) => lines.push(line),
      warn: () => undefined,
    };
    // A plain forRoot: the built-in retry is on (and would wait 20 s for the Retry-After).
    module = await Test.createTestingModule({
      imports: [
        ConduitModule.forRoot({
          models: {
            default: {
              deployments: [
                { provider: wire, model, apiKey: KEY_ONE, baseUrl: one.baseUrl, name: 'east' },
                { provider: wire, model, apiKey: KEY_TWO, baseUrl: two.baseUrl, name: 'west' },
              ],
              strategy: 'round-robin',
            },
          },
          interceptors: [new LoggingInterceptor({ logger }), CostTrackingInterceptor],
        }),
      ],
    }).compile();
    await module.init();
  });

  afterEach(async () => {
    await module.close();
    await one.close();
    await two.close();
  });

  it('round-robins over two keys; a 429 on one moves the call to the other at once, without a retry', async () => {
    one.enqueue(rateLimited(wire));
    two.enqueue({ fixture: okFixture(wire, false) }, { fixture: okFixture(wire, false) });
    const chat = module.get(ChatService);
    const metadata = new Map<string, unknown>();
    const answer = await chat.chat('Hello', { metadata });
    expect(answer.text).toBe(recordedText(okFixture(wire, false)));
    expect(answer.providerMetadata['conduit']).toEqual({ deployment: 'west' });
    // One try of the alias: the pool moved on inside it, the retry never slept.
    expect(metadata.get(ConduitMetadataKeys.retryAttempts)).toBe(1);
    expect(authorizationOf(wire, one.requests[0].headers)).toContain(KEY_ONE);
    expect(authorizationOf(wire, two.requests[0].headers)).toContain(KEY_TWO);
    // The next call starts on `west` again: `east` cools down for its Retry-After.
    await chat.chat('Hello again');
    expect(one.requests).toHaveLength(1);
    expect(two.requests).toHaveLength(2);
    // Logs and cost records name the deployment, never the key.
    expect(lines.map((line) => line.deployment)).toEqual(['west', 'west']);
    expect(
      module
        .get(CostTracker)
        .recent()
        .map((record) => record.deployment),
    ).toEqual(['west', 'west']);
    const printed = JSON.stringify(lines);
    expect(printed).not.toContain(KEY_ONE);
    expect(printed).not.toContain(KEY_TWO);
  });

  it('spreads healthy calls over both deployments in turn', async () => {
    one.enqueue({ fixture: okFixture(wire, false) }, { fixture: okFixture(wire, false) });
    two.enqueue({ fixture: okFixture(wire, false) }, { fixture: okFixture(wire, false) });
    const chat = module.get(ChatService);
    const names: unknown[] = [];
    for (let call = 0; call < 4; call++) {
      names.push((await chat.chat('Hello')).providerMetadata['conduit']?.['deployment']);
    }
    expect(names).toEqual(['east', 'west', 'east', 'west']);
  });

  it('a stream refused with 429 before its first event is served by the other key', async () => {
    one.enqueue(rateLimited(wire));
    two.enqueue({ fixture: okFixture(wire, true) });
    const outcome = await runStream(module.get(ChatService).stream('Hello'));
    expect(outcome.error).toBeUndefined();
    expect(outcome.text).toBe(recordedText(okFixture(wire, true)));
    const finish = outcome.events.find((event) => event.type === 'finish');
    expect(finish?.type === 'finish' && finish.providerMetadata['conduit']).toEqual({
      deployment: 'west',
    });
  });

  it('when both keys answer 429, the RateLimitError surfaces (with retries off)', async () => {
    one.enqueue(rateLimited(wire));
    two.enqueue(rateLimited(wire));
    const error = await rejectionOf(module.get(ChatService).chat('Hello', { retry: false }));
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(20_000);
  });
});

describe('deployments configuration', () => {
  it('is checked at bootstrap: an empty list, a bad strategy, a duplicate name, a retry on one deployment', async () => {
    const error = await rejectionOf(
      Test.createTestingModule({
        imports: [
          ConduitModule.forRoot({
            models: {
              default: {
                deployments: [
                  { provider: 'openai', model: 'gpt-4o', apiKey: KEY_ONE, name: 'a' },
                  {
                    provider: 'openai',
                    model: 'gpt-4o',
                    apiKey: KEY_TWO,
                    name: 'a',
                    weight: -1,
                    retry: false,
                  } as never,
                ],
                strategy: 'fastest' as never,
              },
              other: { deployments: [] },
            },
          }),
        ],
      }).compile(),
    );
    expect(error).toBeInstanceOf(ConduitValidationError);
    const message = (error as Error).message;
    expect(message).toContain(
      'models.default.strategy: must be one of: round-robin, least-busy, weighted',
    );
    expect(message).toContain(
      'models.default.deployments[1].name: "a" names another deployment too',
    );
    expect(message).toContain('models.default.deployments[1].weight: must be a positive number');
    expect(message).toContain('models.default.deployments[1].retry: set retry on the alias');
    expect(message).toContain('models.other.deployments: must be a non-empty list');
    expect(message).not.toContain(KEY_ONE);
    expect(message).not.toContain(KEY_TWO);
  });
});
