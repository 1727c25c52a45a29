import { OpenAIChatModel } from './openai-chat-model';

describe('OpenAIChatModel.info', () => {
  let emitWarning: jest.SpyInstance;

  beforeEach(() => {
    emitWarning = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
  });
  afterEach(() => emitWarning.mockRestore());

  it('warns once when the model id is not in the catalogue (a typo such as gpt-4o-mni)', () => {
    const model = new OpenAIChatModel({ model: 'gpt-4o-mni-info-spec', apiKey: 'sk-test' });
    model.info();
    model.info();
    expect(emitWarning).toHaveBeenCalledTimes(1);
    expect(emitWarning).toHaveBeenCalledWith(
      expect.stringContaining('"gpt-4o-mni-info-spec"'),
      expect.objectContaining({ code: 'CONDUIT_UNKNOWN_MODEL' }),
    );
    expect(model.info().capabilities.structuredOutput).toBe(false);
  });

  it('does not warn for a catalogued model, nor for one the user described', () => {
    new OpenAIChatModel({ model: 'gpt-4o-mini', apiKey: 'sk-test' }).info();
    new OpenAIChatModel({
      model: 'my-finetune-info-spec',
      apiKey: 'sk-test',
      capabilities: { tools: true },
    }).info();
    expect(emitWarning).not.toHaveBeenCalled();
  });
});
