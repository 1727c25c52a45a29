import { OpenAIChatModel } from '../openai';
import { createOpenAIChatModel } from './create-openai-chat-model';
import { OpenAIResponsesChatModel } from './openai-responses-chat-model';

describe('createOpenAIChatModel', () => {
  it('picks the wire per model', () => {
    expect(createOpenAIChatModel({ model: 'gpt-4o', apiKey: 'sk-x' })).toBeInstanceOf(
      OpenAIChatModel,
    );
    expect(createOpenAIChatModel({ model: 'gpt-4o', apiKey: 'sk-x', api: 'chat' })).toBeInstanceOf(
      OpenAIChatModel,
    );
    const responses = createOpenAIChatModel({ model: 'gpt-5.4', apiKey: 'sk-x', api: 'responses' });
    expect(responses).toBeInstanceOf(OpenAIResponsesChatModel);
    expect(responses.info()).toMatchObject({
      provider: 'openai',
      modelId: 'gpt-5.4',
      pricing: { inputPerMillion: 2.5 },
    });
  });
});
