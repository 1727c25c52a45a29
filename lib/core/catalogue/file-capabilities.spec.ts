import { findModelInfo } from './find-model-info';

describe('catalogue: pdf and audio capabilities', () => {
  it.each([
    ['openai', 'gpt-4o-2024-08-06'],
    ['openai', 'gpt-4.1-mini'],
    ['openai', 'gpt-5'],
    ['openai', 'o4-mini'],
    ['anthropic', 'claude-sonnet-4-5-20250929'],
    ['anthropic', 'claude-haiku-4-5'],
  ])('%s %s reads PDFs but takes no audio', (provider, modelId) => {
    const { capabilities } = findModelInfo(provider, modelId).info;
    expect(capabilities.pdf).toBe(true);
    expect(capabilities.audio).not.toBe(true);
  });

  it.each([
    ['openai', 'gpt-4o-audio-preview-2024-12-17'],
    ['openai', 'gpt-audio'],
    ['openai', 'gpt-4o-mini-audio-preview'],
  ])('%s %s takes audio but no PDFs or images', (provider, modelId) => {
    const { capabilities } = findModelInfo(provider, modelId).info;
    expect(capabilities).toMatchObject({ audio: true, pdf: false, vision: false });
  });

  it.each([
    ['openai', 'o3-mini'],
    ['groq', 'llama-3.3-70b-versatile'],
    ['xai', 'grok-4'],
    ['ollama', 'llama3.2'],
  ])('%s %s takes neither PDFs nor audio', (provider, modelId) => {
    const { capabilities } = findModelInfo(provider, modelId).info;
    expect(capabilities.pdf).not.toBe(true);
    expect(capabilities.audio).not.toBe(true);
  });

  it('lets the model settings switch a capability on for an unknown model', () => {
    expect(findModelInfo('ollama', 'llava', { pdf: true }).info.capabilities.pdf).toBe(true);
  });
});
