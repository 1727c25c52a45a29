import request from 'supertest';
import { chooseChatModel } from '../sample/choose-chat-model';
import { useSampleApp } from './support/sample-app-harness';

describe('sample app: structured output, memory, usage and the page (local demo model)', () => {
  const sample = useSampleApp();

  it('POST /extract fills the ContactDto from free text through a JSON Schema answer', async () => {
    const res = await request(sample.http)
      .post('/extract')
      .send({
        text: 'Please call Ada Lovelace at Analytical Engines, ada@example.com, +44 20 7946 0958.',
      })
      .expect(200);

    expect(res.body).toEqual({
      contact: {
        name: 'Ada Lovelace',
        email: 'ada@example.com',
        phone: '+44 20 7946 0958',
        company: 'Analytical Engines',
      },
      mode: 'json_schema',
      attempts: 1,
    });
  });

  it('POST /extract asks for corrections, then answers 422 with the issues, when the text has no name', async () => {
    // The demo model finds no name; the DTO requires one: every answer is invalid.
    const res = await request(sample.http)
      .post('/extract')
      .send({ text: 'no one here' })
      .expect(422);

    expect(res.body).toMatchObject({
      statusCode: 422,
      code: 'structured_output_failed',
      message: 'The model could not fill the requested object in 3 attempts.',
    });
    expect(JSON.stringify(res.body.issues)).toContain('name');
  });

  it('POST /memory/chat keeps the conversation across calls by conversation id', async () => {
    await request(sample.http)
      .post('/memory/chat')
      .set('x-user-id', 'ada')
      .send({ conversationId: 'c-1', message: 'My name is Ada.' })
      .expect(200);
    await request(sample.http)
      .post('/memory/chat')
      .set('x-user-id', 'ada')
      .send({ conversationId: 'other', message: 'Unrelated.' })
      .expect(200);
    const res = await request(sample.http)
      .post('/memory/chat')
      .set('x-user-id', 'ada')
      .send({ conversationId: 'c-1', message: 'What did I say?' })
      .expect(200);

    expect(res.body).toEqual({
      conversationId: 'c-1',
      text: '[local demo model] Earlier you said: "My name is Ada.".',
      storedMessages: 4,
    });
    const history = await request(sample.http)
      .get('/memory/c-1')
      .set('x-user-id', 'ada')
      .expect(200);
    expect(JSON.stringify(history.body)).toContain('My name is Ada.');
    expect(JSON.stringify(history.body)).not.toContain('Unrelated.');

    await request(sample.http).delete('/memory/c-1').set('x-user-id', 'ada').expect(204);
    const fresh = await request(sample.http)
      .post('/memory/chat')
      .set('x-user-id', 'ada')
      .send({ conversationId: 'c-1', message: 'What did I say?' })
      .expect(200);
    expect(fresh.body.text).toBe(
      '[local demo model] You have not said anything before in this conversation.',
    );
  });

  it('POST /memory/chat rejects a malformed conversation id with 400', async () => {
    await request(sample.http)
      .post('/memory/chat')
      .set('x-user-id', 'ada')
      .send({ conversationId: 'no spaces', message: 'hi' })
      .expect(400);
  });

  it('GET /usage adds up the tokens and cost of every model call', async () => {
    const before = await request(sample.http).get('/usage').expect(200);
    expect(before.body.total).toMatchObject({ calls: 0, inputTokens: 0, costUsd: 0 });

    await request(sample.http).post('/chat').send({ message: 'Hello there' }).expect(200);
    await request(sample.http).post('/agent').send({ message: 'What is 2 + 3?' }).expect(200);

    const after = await request(sample.http).get('/usage').expect(200);
    // One chat call (2 words in, 7 out) and two agent model calls.
    expect(after.body.total.calls).toBe(3);
    expect(after.body.total.inputTokens).toBeGreaterThan(2);
    // 0.15 $ per million input words, 0.6 $ per million output words (the demo price).
    expect(after.body.total.costUsd).toBeCloseTo(
      (after.body.total.inputTokens * 0.15 + after.body.total.outputTokens * 0.6) / 1e6,
      12,
    );
    expect(Object.keys(after.body.byModel as object)).toEqual(['local-demo:local-demo-model']);
  });

  it('GET / serves the chat page and GET /info names the local demo model', async () => {
    const page = await request(sample.http).get('/').expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain("new EventSource('/agent/stream?message='");

    const info = await request(sample.http).get('/info').expect(200);
    expect(info.body.description).toContain('LOCAL DEMO MODEL');
  });
});

describe('sample app: the triage workflow graph (local demo model)', () => {
  const sample = useSampleApp();

  it('POST /workflow/triage escalates a bug without drafting a reply', async () => {
    const res = await request(sample.http)
      .post('/workflow/triage')
      .send({ ticket: 'Bug: the export button crashes the app.' })
      .expect(200);

    expect(res.body).toEqual({
      state: {
        ticket: 'Bug: the export button crashes the app.',
        category: 'bug',
        escalated: true,
        reply: 'Thanks for the report: it has been forwarded to the engineering team.',
      },
      path: ['classify', 'escalate'],
    });
  });

  it('POST /workflow/triage drafts a reply to a billing question with a model step', async () => {
    const res = await request(sample.http)
      .post('/workflow/triage')
      .send({ ticket: 'Why was my billing doubled this month?' })
      .expect(200);

    expect(res.body.path).toEqual(['classify', 'draft_reply']);
    expect(res.body.state).toEqual({
      ticket: 'Why was my billing doubled this month?',
      category: 'billing',
      reply:
        '[local demo model] You said: Reply to this billing ticket: Why was my billing doubled this month?',
    });
  });

  it('GET /workflow/graph draws the graph in Mermaid', async () => {
    const res = await request(sample.http).get('/workflow/graph').expect(200);

    expect(res.text).toMatch(/^flowchart/);
    for (const node of ['classify', 'draft_reply', 'escalate']) expect(res.text).toContain(node);
  });
});

describe('sample app: model choice', () => {
  it('uses Anthropic when only ANTHROPIC_API_KEY is set, OpenAI when both are', () => {
    expect(chooseChatModel({ ANTHROPIC_API_KEY: 'sk-ant-test' })).toEqual({
      model: { provider: 'anthropic', model: 'claude-haiku-4-5', apiKey: 'sk-ant-test' },
      description: 'Using Anthropic model claude-haiku-4-5.',
    });
    expect(
      chooseChatModel({ ANTHROPIC_API_KEY: 'sk-ant-test', ANTHROPIC_MODEL: 'claude-sonnet-4-5' })
        .model,
    ).toMatchObject({ provider: 'anthropic', model: 'claude-sonnet-4-5' });
    expect(
      chooseChatModel({ ANTHROPIC_API_KEY: 'sk-ant-test', OPENAI_API_KEY: 'sk-test' }).model,
    ).toMatchObject({ provider: 'openai' });
  });
});
