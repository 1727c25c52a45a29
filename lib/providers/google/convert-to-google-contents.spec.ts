import type { AssistantMessage, Message } from '../../core';
import { convertToGoogleContents } from './convert-to-google-contents';

const modelTurn = (message: AssistantMessage): unknown =>
  convertToGoogleContents([message]).contents[0]?.parts;

describe('convertToGoogleContents', () => {
  it('puts every system message in systemInstruction and merges adjacent turns of a role', () => {
    const messages: Message[] = [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'a' },
      { role: 'user', content: 'b' },
      { role: 'system', content: 'Use French.' },
      { role: 'assistant', content: 'c' },
    ];
    expect(convertToGoogleContents(messages)).toEqual({
      systemInstruction: { parts: [{ text: 'Be brief.' }, { text: 'Use French.' }] },
      contents: [
        { role: 'user', parts: [{ text: 'a' }, { text: 'b' }] },
        { role: 'model', parts: [{ text: 'c' }] },
      ],
    });
  });

  it('maps images, files and audio to inlineData / fileData', () => {
    const { contents } = convertToGoogleContents([
      {
        role: 'user',
        content: [
          { type: 'image', data: 'iVBOR', mediaType: 'image/png' },
          { type: 'image', url: 'data:image/jpeg;base64,/9j/4A' },
          { type: 'image', url: 'https://example.com/cat.webp?size=2' },
          { type: 'file', data: 'JVBER', mediaType: 'application/pdf', filename: 'a.pdf' },
          {
            type: 'file',
            url: 'https://generativelanguage.googleapis.com/v1beta/files/abc',
            mediaType: 'application/pdf',
          },
          { type: 'audio', data: 'UklGR', format: 'wav' },
          { type: 'audio', data: 'AAAA', format: 'm4a' },
        ],
      },
    ]);
    expect(contents[0]?.parts).toEqual([
      { inlineData: { mimeType: 'image/png', data: 'iVBOR' } },
      { inlineData: { mimeType: 'image/jpeg', data: '/9j/4A' } },
      { fileData: { mimeType: 'image/webp', fileUri: 'https://example.com/cat.webp?size=2' } },
      { inlineData: { mimeType: 'application/pdf', data: 'JVBER' } },
      {
        fileData: {
          mimeType: 'application/pdf',
          fileUri: 'https://generativelanguage.googleapis.com/v1beta/files/abc',
        },
      },
      { inlineData: { mimeType: 'audio/wav', data: 'UklGR' } },
      { inlineData: { mimeType: 'audio/mp4', data: 'AAAA' } },
    ]);
  });

  it('answers tool calls with functionResponse parts: name from the call, ids only when Gemini gave them', () => {
    const { contents } = convertToGoogleContents([
      {
        role: 'assistant',
        content: '',
        toolCalls: [
          { id: 'fc-1', name: 'lookup', arguments: { q: 'x' }, rawArguments: '{"q":"x"}' },
          { id: 'gemcall_r_1', name: 'clock', arguments: {}, rawArguments: '{}' },
        ],
      },
      { role: 'tool', toolCallId: 'fc-1', content: '{"hits":2}' },
      { role: 'tool', toolCallId: 'gemcall_r_1', content: 'boom', isError: true },
    ]);
    expect(contents).toEqual([
      {
        role: 'model',
        parts: [
          { functionCall: { id: 'fc-1', name: 'lookup', args: { q: 'x' } } },
          { functionCall: { name: 'clock', args: {} } },
        ],
      },
      {
        role: 'user',
        parts: [
          { functionResponse: { id: 'fc-1', name: 'lookup', response: { output: { hits: 2 } } } },
          { functionResponse: { name: 'clock', response: { error: 'boom' } } },
        ],
      },
    ]);
  });

  describe('thought signatures', () => {
    const call = { id: 'gemcall_0', name: 'f', arguments: {}, rawArguments: '{}' };

    it("puts a signed reasoning part's signature on the next part: a text part", () => {
      expect(
        modelTurn({
          role: 'assistant',
          content: [
            { type: 'reasoning', text: 'hmm', signature: 'S1' },
            { type: 'text', text: 'Answer' },
          ],
        }),
      ).toEqual([
        { text: 'hmm', thought: true },
        { text: 'Answer', thoughtSignature: 'S1' },
      ]);
    });

    it('or the first function call when no text follows', () => {
      expect(
        modelTurn({
          role: 'assistant',
          content: [{ type: 'reasoning', text: '', signature: 'S1' }],
          toolCalls: [call, { ...call, id: 'gemcall_1' }],
        }),
      ).toEqual([
        { functionCall: { name: 'f', args: {} }, thoughtSignature: 'S1' },
        { functionCall: { name: 'f', args: {} } },
      ]);
    });

    it('or the reasoning part itself when nothing follows it', () => {
      expect(
        modelTurn({
          role: 'assistant',
          content: [
            { type: 'text', text: 'Done' },
            { type: 'reasoning', text: 'why', signature: 'S2' },
          ],
        }),
      ).toEqual([{ text: 'Done' }, { text: 'why', thought: true, thoughtSignature: 'S2' }]);
    });

    it('keeps an empty signed text part (Gemini ends some answers with one)', () => {
      expect(
        modelTurn({
          role: 'assistant',
          content: [
            { type: 'text', text: 'Hi' },
            { type: 'reasoning', text: '', signature: 'S3' },
          ],
        }),
      ).toEqual([{ text: 'Hi', thoughtSignature: 'S3' }]);
    });

    it('skips Anthropic redacted reasoning, which Gemini cannot read', () => {
      expect(
        modelTurn({
          role: 'assistant',
          content: [
            { type: 'reasoning', text: '', redactedData: 'xyz' },
            { type: 'text', text: 'ok' },
          ],
        }),
      ).toEqual([{ text: 'ok' }]);
    });
  });
});
