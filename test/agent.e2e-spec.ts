import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import type { App } from 'supertest/types';
import { MockChatModel, MockResponses, type MockChatModelOptions } from 'nestjs-conduit/testing';
import { SupportAgent } from './fixtures/agent-app/support.agent';
import { SupportAppModule } from './fixtures/agent-app/support-app.module';
import { OrderStore } from './fixtures/agent-app/support.tools';

describe('an app whose services declare tools and an agent (e2e)', () => {
  let app: INestApplication;
  let model: MockChatModel;

  async function start(script: MockChatModelOptions): Promise<void> {
    model = new MockChatModel(script);
    const moduleRef = await Test.createTestingModule({
      imports: [SupportAppModule.withModel(model)],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
  }

  afterEach(async () => {
    await app?.close();
  });

  const http = () => request(app.getHttpServer() as App);

  it('answers over HTTP through a tool loop that reads the caller from the request', async () => {
    await start({
      responses: [
        MockResponses.toolCall('order_status', { orderId: 'o-2' }),
        'Order o-2 is processing.',
      ],
    });
    const response = await http()
      .post('/support/ask')
      .set('x-user', 'ada')
      .send({ question: 'Where is my order o-2?' })
      .expect(201);
    expect(response.body).toEqual({
      answer: 'Order o-2 is processing.',
      iterations: 2,
      tools: ['order_status -> {"orderId":"o-2","status":"processing"}'],
    });
    const first = model.requests[0];
    expect(first?.messages[0]).toEqual({
      role: 'system',
      content: 'You are the support desk. Use the tools to answer questions about orders.',
    });
    expect(first?.tools?.map((t) => t.name)).toEqual(['order_status', 'cancel_order']);
    expect(first?.tools?.[0]?.parameters).toMatchObject({
      properties: {
        orderId: { type: 'string', pattern: '^o-\\d+$', description: 'The order id, e.g. o-1' },
      },
    });
    expect(app.get(SupportAgent).journal).toEqual(['response#1', 'order_status:ok', 'response#2']);
  });

  it("sends another customer's order back to the model as a tool error", async () => {
    await start({
      responses: [MockResponses.toolCall('order_status', { orderId: 'o-2' }), 'I cannot find it.'],
    });
    const response = await http()
      .post('/support/ask')
      .set('x-user', 'grace')
      .send({ question: 'Where is o-2?' })
      .expect(201);
    expect(response.body.tools).toEqual([
      'order_status -> Tool "order_status" failed: no order o-2 for this customer',
    ]);
    expect(model.requests[1]?.messages[3]).toMatchObject({ role: 'tool', isError: true });
  });

  it('runs a tool that needs approval only when the caller approves it', async () => {
    const script = (): MockChatModelOptions => ({
      responses: [MockResponses.toolCall('cancel_order', { orderId: 'o-2' }), 'Done.'],
    });
    await start(script());
    const refused = await http()
      .post('/support/ask')
      .set('x-user', 'ada')
      .send({ question: 'Cancel o-2' })
      .expect(201);
    expect(refused.body.tools).toEqual([
      'cancel_order -> Tool "cancel_order" requires approval and was not approved.',
    ]);
    expect(app.get(OrderStore).orders.get('o-2')?.status).toBe('processing');
    await app.close();

    await start(script());
    const approved = await http()
      .post('/support/ask')
      .set('x-user', 'ada')
      .set('x-approve', 'yes')
      .send({ question: 'Cancel o-2' })
      .expect(201);
    expect(approved.body.tools).toEqual(['cancel_order -> {"orderId":"o-2","status":"cancelled"}']);
    expect(app.get(OrderStore).orders.get('o-2')?.status).toBe('cancelled');
  });

  it('streams the agent events as Server-Sent Events', async () => {
    await start({
      responses: [
        MockResponses.toolCall('order_status', { orderId: 'o-1' }),
        { text: 'o-1 has shipped.', chunks: ['o-1 has ', 'shipped.'] },
      ],
    });
    const response = await http()
      .get('/support/stream')
      .query({ q: 'Where is o-1?' })
      .set('x-user', 'ada')
      .buffer(true)
      .parse((res, done) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        res.on('end', () => done(null, text));
      })
      .expect(200);
    const frames = (response.body as string)
      .split('\n\n')
      .filter((frame) => frame.trim() !== '')
      .map((frame) => {
        const type = /^event: (.+)$/m.exec(frame)?.[1];
        const data = /^data: (.+)$/m.exec(frame)?.[1];
        return { type, data: data === undefined ? undefined : (JSON.parse(data) as unknown) };
      });
    expect(frames.map((f) => f.type)).toEqual([
      'iteration-start',
      'response',
      'tool-call-start',
      'tool-call-finish',
      'iteration-finish',
      'iteration-start',
      'text-delta',
      'text-delta',
      'response',
      'iteration-finish',
      'finish',
    ]);
    expect(frames[3]?.data).toEqual({
      name: 'order_status',
      content: '{"orderId":"o-1","status":"shipped"}',
    });
    expect(frames[frames.length - 1]?.data).toEqual({ text: 'o-1 has shipped.' });
  });

  it('classifies a message into one of the fixed labels', async () => {
    await start({ responses: ['{"label": "refunds"}', '{"label": "billing"}'] });
    const response = await http()
      .post('/support/triage')
      .send({ text: 'I was charged twice' })
      .expect(201);
    expect(response.body).toEqual({ label: 'billing' });
    expect(model.requests[0]?.responseFormat).toMatchObject({
      type: 'json_schema',
      schema: { properties: { label: { enum: ['billing', 'shipping', 'other'] } } },
    });
    expect(model.calls).toBe(2);
  });

  it('turns free text into a validated DTO, correcting an invalid answer', async () => {
    await start({
      responses: [
        '{"summary": "Late parcel", "priority": "high"}',
        '```json\n{"summary": "Late parcel", "priority": "urgent", "orderId": "o-3"}\n```',
      ],
    });
    const response = await http()
      .post('/support/ticket')
      .send({ text: 'My parcel o-3 is late!!!' })
      .expect(201);
    expect(response.body).toEqual({
      isDto: true,
      ticket: { summary: 'Late parcel', priority: 'urgent', orderId: 'o-3' },
    });
    expect(model.requests[1]?.messages[2]?.content).toContain(
      'priority: priority must be one of the following values: low, normal, urgent',
    );
  });
});
