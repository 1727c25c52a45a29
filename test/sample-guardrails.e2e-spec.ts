import type { Server } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { getChatModelToken } from 'nestjs-conduit';
import type { MockChatModel } from 'nestjs-conduit/testing';
import request from 'supertest';
import { AppModule } from '../sample/app.module';

describe('sample app: POST /guarded-chat (local demo model)', () => {
  let app: INestApplication;

  beforeEach(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [AppModule.forRoot({})],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
  });

  afterEach(async () => {
    await app.close();
  });

  it('the model never sees the card or the email, and the decisions come back', async () => {
    const model = app.get<MockChatModel>(getChatModelToken('default'));
    const res = await request(app.getHttpServer() as Server)
      .post('/guarded-chat')
      .send({ message: 'My card is 4111 1111 1111 1111, mail jane.doe@example.com' })
      .expect(200);
    expect(JSON.stringify(model.lastRequest?.messages)).not.toMatch(/4111|jane\.doe/);
    expect(JSON.stringify(model.lastRequest?.messages)).toContain('[CARD]');
    expect(res.body.text).not.toMatch(/4111|jane\.doe/);
    expect(res.body.guardrails).toContainEqual(
      expect.objectContaining({
        guardrail: 'PiiRedactionGuardrail',
        stage: 'input',
        outcome: 'rewrite',
        category: 'card,email',
      }),
    );
  });
});
