import request from 'supertest';
import { useSampleApp } from './support/sample-app-harness';

describe('sample app: conversations belong to the caller who started them', () => {
  const sample = useSampleApp();

  /** A request as `user` (the sample's stand-in for authentication: the x-user-id header). */
  const as = (user: string) => ({
    get: (path: string) => request(sample.http).get(path).set('x-user-id', user),
    post: (path: string) => request(sample.http).post(path).set('x-user-id', user),
    delete: (path: string) => request(sample.http).delete(path).set('x-user-id', user),
  });

  beforeEach(async () => {
    await as('alice')
      .post('/memory/chat')
      .send({ conversationId: 'c-1', message: 'My card is 4111 1111 1111 1111.' })
      .expect(200);
  });

  it('lets the owner read, continue and delete the conversation', async () => {
    const history = await as('alice').get('/memory/c-1').expect(200);
    expect(history.body.conversationId).toBe('c-1');
    expect(JSON.stringify(history.body)).toContain('4111 1111 1111 1111');

    const next = await as('alice')
      .post('/memory/c-1')
      .send({ message: 'What did I say?' })
      .expect(200);
    expect(next.body).toEqual({
      conversationId: 'c-1',
      text: '[local demo model] Earlier you said: "My card is 4111 1111 1111 1111.".',
      storedMessages: 4,
    });

    await as('alice').delete('/memory/c-1').expect(204);
    await as('alice').get('/memory/c-1').expect(404);
  });

  it("answers another user 404 on GET, POST and DELETE of the owner's conversation, and changes nothing", async () => {
    const read = await as('bob').get('/memory/c-1').expect(404);
    expect(JSON.stringify(read.body)).not.toContain('4111');
    await as('bob').post('/memory/c-1').send({ message: 'What did I say?' }).expect(404);
    await as('bob').delete('/memory/c-1').expect(404);

    // The same 404 as for an id nobody uses: the answer does not tell that c-1 exists.
    const unused = await as('bob').get('/memory/never-used').expect(404);
    expect(read.body).toEqual(unused.body);

    const history = await as('alice').get('/memory/c-1').expect(200);
    expect(history.body.entries).toHaveLength(2);
  });

  it('gives another user who picks the same id in POST /memory/chat a conversation of their own', async () => {
    const res = await as('bob')
      .post('/memory/chat')
      .send({ conversationId: 'c-1', message: 'What did I say?' })
      .expect(200);
    expect(res.body.text).toBe(
      '[local demo model] You have not said anything before in this conversation.',
    );
    expect(res.body.storedMessages).toBe(2);
    const alice = await as('alice').get('/memory/c-1').expect(200);
    expect(JSON.stringify(alice.body)).not.toContain('What did I say?');
  });

  it('answers 401 to a memory route without a well-formed caller identity', async () => {
    await request(sample.http).get('/memory/c-1').expect(401);
    await request(sample.http)
      .post('/memory/chat')
      .send({ conversationId: 'c-2', message: 'hi' })
      .expect(401);
    await request(sample.http).delete('/memory/c-1').expect(401);
    await as('alice:admin').get('/memory/c-1').expect(401);
  });

  it.each(['GET', 'POST', 'DELETE'] as const)(
    'answers 400 to %s /memory/:id with a malformed id',
    async (method) => {
      const badIds = ['has space', 'a'.repeat(65), 'semi;colon', 'alice:c-1'];
      for (const id of badIds) {
        const path = `/memory/${encodeURIComponent(id)}`;
        const call =
          method === 'GET'
            ? as('alice').get(path)
            : method === 'POST'
              ? as('alice').post(path).send({ message: 'hi' })
              : as('alice').delete(path);
        await call.expect(400);
      }
    },
  );
});
