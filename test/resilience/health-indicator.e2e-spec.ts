import { Controller, Get, type INestApplication } from '@nestjs/common';
import { HealthCheck, HealthCheckService, TerminusModule } from '@nestjs/terminus';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import type { App } from 'supertest/types';
import { ChatService } from '../../lib/chat/chat.service';
import { ConduitHealthIndicator } from '../../lib/chat/conduit-health.indicator';
import { ConduitModule } from '../../lib/conduit.module';
import type { ConduitModuleRootOptions } from '../../lib/conduit-options.interface';
import { ReplayServer } from '../support/replay-server';
import { chatModelFor, FAULT_API_KEY, okFixture } from '../faults/fault-harness';
import { manualClock, overloaded } from './fallback-harness';

/** The route of the docs: terminus's HealthCheckService with the conduit indicator. */
@Controller()
class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly conduit: ConduitHealthIndicator,
  ) {}

  @Get('health')
  @HealthCheck()
  check(): Promise<unknown> {
    return this.health.check([() => this.conduit.isHealthy('llm')]);
  }

  @Get('ready')
  @HealthCheck()
  ready(): Promise<unknown> {
    return this.health.check([() => this.conduit.isHealthy('llm', { probe: true })]);
  }
}

describe('ConduitHealthIndicator with @nestjs/terminus', () => {
  let app: INestApplication;
  let servers: Record<string, ReplayServer>;
  const clock = manualClock();
  const http = (): ReturnType<typeof request> => request(app.getHttpServer() as App);

  async function start(extra: Partial<ConduitModuleRootOptions> = {}): Promise<void> {
    servers = { default: await ReplayServer.start(), backup: await ReplayServer.start() };
    const module = await Test.createTestingModule({
      imports: [
        TerminusModule.forRoot({ logger: false }),
        ConduitModule.forRoot({
          models: {
            default: chatModelFor('openai', servers['default'].baseUrl),
            backup: chatModelFor('openai', servers['backup'].baseUrl),
          },
          fallbacks: { default: ['backup'] },
          circuitBreaker: { failureThreshold: 1, cooldownMs: 30_000, now: clock.now },
          retry: false,
          ...extra,
        }),
      ],
      controllers: [HealthController],
    }).compile();
    app = module.createNestApplication({ logger: false });
    await app.init();
  }

  afterEach(async () => {
    await app.close();
    for (const server of Object.values(servers)) await server.close();
  });

  it('is up with closed circuits, and down (503) once every alias of the default chain is open', async () => {
    await start();
    const healthy = await http().get('/health').expect(200);
    expect(healthy.body).toEqual({
      status: 'ok',
      info: {
        llm: {
          status: 'up',
          aliases: {
            default: { circuit: 'closed', available: true },
            backup: { circuit: 'closed', available: true },
          },
        },
      },
      error: {},
      details: expect.any(Object) as unknown,
    });
    // default fails once (its circuit opens), backup answers: still up.
    servers['default'].enqueue(overloaded('openai'));
    servers['backup'].enqueue({ fixture: okFixture('openai', false) }, overloaded('openai'));
    await app.get(ChatService).chat('Hi');
    const degraded = await http().get('/health').expect(200);
    expect(degraded.body.info.llm.aliases.default).toEqual({ circuit: 'open', available: false });
    // backup fails too: nothing of the chain can answer.
    await expect(app.get(ChatService).chat('Hi')).rejects.toThrow();
    const down = await http().get('/health').expect(503);
    expect(down.body.status).toBe('error');
    expect(down.body.error.llm.status).toBe('down');
    expect(down.body.error.llm.aliases.backup.circuit).toBe('open');
    // After the cool-down the circuits are half-open: a call would be sent again.
    clock.advance(30_000);
    const probing = await http().get('/health').expect(200);
    expect(probing.body.info.llm.aliases.default.circuit).toBe('half-open');
  });

  it('with probe: true sends each alias a one-token call and reports the failing one by class name', async () => {
    await start();
    servers['default'].enqueue({ fixture: okFixture('openai', false) });
    servers['backup'].enqueue({
      status: 401,
      body: JSON.stringify({ error: { message: `Incorrect API key provided: ${FAULT_API_KEY}` } }),
      headers: { 'content-type': 'application/json' },
    });
    const ready = await http().get('/ready').expect(200);
    const aliases = ready.body.info.llm.aliases;
    expect(aliases.default).toMatchObject({ available: true, probe: { ok: true } });
    expect(aliases.backup).toMatchObject({
      available: false,
      probe: { ok: false, error: 'AuthenticationError' },
    });
    const sent = servers['default'].requests[0].body as {
      max_tokens?: number;
      max_completion_tokens?: number;
    };
    expect(sent.max_completion_tokens ?? sent.max_tokens).toBe(1);
    expect(JSON.stringify(ready.body)).not.toContain(FAULT_API_KEY);
  });

  it('reports breakers as off when they are turned off', async () => {
    await start({ circuitBreaker: false });
    const result = await app.get(ConduitHealthIndicator).isHealthy();
    expect(result['conduit']).toEqual({
      status: 'up',
      aliases: {
        default: { circuit: 'off', available: true },
        backup: { circuit: 'off', available: true },
      },
    });
  });
});
