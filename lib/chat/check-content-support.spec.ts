import { UnsupportedContentError } from '../core/errors/unsupported-content.error';
import type { Message } from '../core/message.types';
import type { ModelCapabilities, ModelInfo } from '../core/model-info.types';
import { checkContentSupport } from './check-content-support';

const TEXT_ONLY: ModelCapabilities = {
  streaming: true,
  tools: true,
  vision: false,
  jsonMode: false,
  structuredOutput: false,
  reasoning: false,
};

function model(capabilities: Partial<ModelCapabilities>): ModelInfo {
  return { provider: 'openai', modelId: 'gpt-x', capabilities: { ...TEXT_ONLY, ...capabilities } };
}

const pdf = { type: 'file', data: 'JVBERi0=', mediaType: 'application/pdf' } as const;
const wav = { type: 'audio', data: 'UklGRg==', format: 'wav' } as const;
const png = { type: 'image', data: 'iVBORw==', mediaType: 'image/png' } as const;

function errorOf(messages: readonly Message[], info: ModelInfo): UnsupportedContentError {
  try {
    checkContentSupport(messages, info);
  } catch (error) {
    if (error instanceof UnsupportedContentError) return error;
    throw error;
  }
  throw new Error('expected an UnsupportedContentError');
}

describe('checkContentSupport', () => {
  it('lets text through on any model, and each part through when its flag is on', () => {
    const messages: Message[] = [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: [{ type: 'text', text: 'hi' }, pdf, wav, png] },
    ];
    expect(() => checkContentSupport([{ role: 'user', content: 'hi' }], model({}))).not.toThrow();
    expect(() =>
      checkContentSupport(messages, model({ vision: true, pdf: true, audio: true })),
    ).not.toThrow();
  });

  it('names the model, the part and its path for a PDF the model cannot read', () => {
    const error = errorOf(
      [
        { role: 'user', content: 'first' },
        { role: 'user', content: [{ type: 'text', text: 'Summarise' }, pdf] },
      ],
      model({ vision: true }),
    );
    expect(error.model).toBe('openai:gpt-x');
    expect(error.path).toBe('messages[1].content[1]');
    expect(error.part).toBe('file (application/pdf)');
    expect(error.message).toBe(
      'openai:gpt-x cannot take file (application/pdf) at messages[1].content[1]: the model does not take files (if it does, set capabilities.pdf: true in its settings)',
    );
  });

  it('rejects audio without the audio flag and images without vision', () => {
    expect(errorOf([{ role: 'user', content: [wav] }], model({ pdf: true })).part).toBe(
      'audio (wav)',
    );
    const image = errorOf([{ role: 'user', content: [png] }], model({ pdf: true, audio: true }));
    expect(image.part).toBe('image');
    expect(image.message).toContain('does not take images');
  });

  it('treats an absent flag as no (an unknown model takes text only)', () => {
    const info = model({});
    expect(info.capabilities.pdf).toBeUndefined();
    expect(errorOf([{ role: 'user', content: [pdf] }], info).path).toBe('messages[0].content[0]');
  });
});
