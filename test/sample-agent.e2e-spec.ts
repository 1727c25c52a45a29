import request from 'supertest';
import { parseSseMessages, readText } from './sample/sample-app';
import { useSampleApp } from './support/sample-app-harness';

describe('sample app: tools and an agent (local demo model)', () => {
  const sample = useSampleApp();

  it('POST /agent calls the weather tool with the city, then answers with its result', async () => {
    const res = await request(sample.http)
      .post('/agent')
      .send({ message: 'What is the weather in Paris?' })
      .expect(200);

    expect(res.body.toolCalls).toEqual([
      {
        name: 'get_weather',
        arguments: { city: 'Paris' },
        result: expect.stringContaining('"city":"Paris"'),
        isError: false,
      },
    ]);
    const body = res.body as { toolCalls: { result: string }[] };
    const weather = JSON.parse(body.toolCalls[0].result) as {
      temperatureC: number;
      sky: string;
    };
    expect(res.body.text).toBe(
      `[local demo model] get_weather answered: ${res.body.toolCalls[0].result}`,
    );
    expect(weather.temperatureC).toEqual(expect.any(Number));
    expect(res.body.iterations).toBe(2);
    expect(res.body.model).toBe('local-demo-model');
    expect(res.body.costUsd).toBeGreaterThan(0);
  });

  it('POST /agent computes with the calculate tool', async () => {
    const res = await request(sample.http)
      .post('/agent')
      .send({ message: 'What is 1234 * 5678?' })
      .expect(200);

    expect(res.body.toolCalls).toEqual([
      {
        name: 'calculate',
        arguments: { a: 1234, operator: '*', b: 5678 },
        result: '{"result":7006652}',
        isError: false,
      },
    ]);
    expect(res.body.text).toBe('[local demo model] calculate answered: {"result":7006652}');
  });

  it('POST /agent reports a failing tool as an error result the model answers from', async () => {
    const res = await request(sample.http)
      .post('/agent')
      .send({ message: 'What is 1 / 0?' })
      .expect(200);

    expect(res.body.toolCalls).toHaveLength(1);
    expect(res.body.toolCalls[0]).toMatchObject({ name: 'calculate', isError: true });
    expect(res.body.toolCalls[0].result).toContain('Division by zero');
  });

  it('POST /agent answers without tools when no tool fits', async () => {
    const res = await request(sample.http).post('/agent').send({ message: 'Hello' }).expect(200);

    expect(res.body).toMatchObject({
      text: '[local demo model] You said: Hello',
      toolCalls: [],
      iterations: 1,
    });
  });

  it('GET /agent/stream sends deltas, the tool call as it starts and ends, then the cost', async () => {
    const res = await request(sample.http)
      .get('/agent/stream')
      .query({ message: 'Where is order 42?' })
      .buffer(true)
      .parse(readText)
      .expect(200);

    const messages = parseSseMessages(res.body as string);
    const events = messages.map((message) => message.event);
    expect(events.slice(0, 2)).toEqual(['tool-call-start', 'tool-call-finish']);
    expect(events[events.length - 1]).toBe('finish');
    expect(events.filter((event) => event === 'text-delta').length).toBeGreaterThan(1);
    expect(messages[0]?.data).toMatchObject({
      name: 'get_order_status',
      arguments: { orderId: '42' },
    });
    const streamed = messages
      .map(({ event, data }) => (event === 'text-delta' ? (data as { delta: string }).delta : ''))
      .join('');
    const finish = messages[messages.length - 1]?.data as { text: string; costUsd: number };
    expect(streamed).toBe(finish.text);
    expect(finish.text).toMatch(
      /^\[local demo model\] get_order_status answered: \{"orderId":"42"/,
    );
    expect(finish.costUsd).toBeGreaterThan(0);
  });

  it('GET /agent/stream rejects a missing message with 400', async () => {
    await request(sample.http).get('/agent/stream').expect(400);
  });
});
