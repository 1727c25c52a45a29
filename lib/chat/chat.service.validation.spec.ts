import { lastValueFrom } from 'rxjs';
import { ConduitValidationError } from '../core';
import { MockChatModel, MockEmbeddingModel } from '../testing';
import { chatServiceWith as serviceWith } from '../../test/support/chat-service-harness';

describe('ChatService', () => {
  afterEach(() => jest.useRealTimers());

  describe('input validation, before anything is sent', () => {
    const cases: [string, () => [unknown, unknown], string][] = [
      ['an empty message list', () => [[], {}], 'messages'],
      ['an empty string', () => ['  ', {}], 'messages'],
      ['an unknown role', () => [[{ role: 'robot', content: 'x' }], {}], 'messages[0].role'],
      [
        'a tool message without toolCallId',
        () => [[{ role: 'tool', content: '42' }], {}],
        'messages[0].toolCallId',
      ],
      [
        'a bad content part',
        () => [[{ role: 'user', content: [{ type: 'video', url: 'x' }] }], {}],
        'messages[0].content[0]',
      ],
      ['temperature above 2', () => ['Hi', { temperature: 2.5 }], 'temperature'],
      ['topP above 1', () => ['Hi', { topP: 1.2 }], 'topP'],
      ['maxTokens not a positive integer', () => ['Hi', { maxTokens: 0 }], 'maxTokens'],
      ['a fractional maxTokens', () => ['Hi', { maxTokens: 10.5 }], 'maxTokens'],
      ['an unknown model alias', () => ['Hi', { model: 'smart' }], 'model'],
    ];

    it.each(cases)('chat rejects %s naming the field', async (_name, args, field) => {
      const model = new MockChatModel({ responses: ['never'] });
      const { chat } = await serviceWith({ models: { default: model, fast: new MockChatModel() } });
      const [messages, options] = args();
      const error = await chat.chat(messages as string, options as object).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConduitValidationError);
      expect((error as ConduitValidationError).field).toBe(field);
      expect(model.requests).toHaveLength(0);
    });

    it('lists the known aliases when the alias is unknown', async () => {
      const { chat } = await serviceWith({
        models: { default: new MockChatModel(), fast: new MockChatModel() },
      });
      await expect(chat.chat('Hi', { model: 'smart' })).rejects.toThrow(
        'model: unknown chat model alias "smart"; known aliases: default, fast',
      );
    });

    it.each(cases)(
      'stream fails with %s on subscribe, without calling the model',
      async (_name, args, field) => {
        const model = new MockChatModel({ responses: ['never'] });
        const { chat } = await serviceWith({
          models: { default: model, fast: new MockChatModel() },
        });
        const [messages, options] = args();
        const stream = chat.stream(messages as string, options as object);
        const error = await lastValueFrom(stream).catch((e: unknown) => e);
        expect((error as ConduitValidationError).field).toBe(field);
        expect(model.requests).toHaveLength(0);
      },
    );

    it('embed rejects empty texts and bad dimensions before calling the model', async () => {
      const embedding = new MockEmbeddingModel();
      const { chat } = await serviceWith({
        models: { default: new MockChatModel() },
        embeddingModels: { default: embedding },
      });
      await expect(chat.embed([])).rejects.toMatchObject({ field: 'texts' });
      await expect(chat.embed(['a', ''])).rejects.toMatchObject({ field: 'texts[1]' });
      await expect(chat.embed('a', { dimensions: -1 })).rejects.toMatchObject({
        field: 'dimensions',
      });
      expect(embedding.requests).toHaveLength(0);
    });
  });
});
