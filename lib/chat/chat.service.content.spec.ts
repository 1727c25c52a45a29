import { lastValueFrom } from 'rxjs';
import { UnsupportedContentError, type Message } from '../core';
import { MockChatModel } from '../testing';
import { chatServiceWith as serviceWith } from '../../test/support/chat-service-harness';

const askAboutPdf: Message[] = [
  {
    role: 'user',
    content: [
      { type: 'text', text: 'What does it say?' },
      { type: 'file', data: 'JVBERi0xLjQK', mediaType: 'application/pdf', filename: 'a.pdf' },
    ],
  },
];

describe('ChatService with file parts', () => {
  it('rejects a PDF for a model without pdf before anything is sent (chat and stream)', async () => {
    const model = new MockChatModel({ responses: ['never'], capabilities: { pdf: false } });
    const { chat } = await serviceWith({ models: { default: model } });

    const error = await chat.chat(askAboutPdf).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnsupportedContentError);
    expect((error as UnsupportedContentError).model).toBe(`mock:${model.info().modelId}`);
    expect((error as UnsupportedContentError).path).toBe('messages[0].content[1]');
    await expect(lastValueFrom(chat.stream(askAboutPdf))).rejects.toBeInstanceOf(
      UnsupportedContentError,
    );
    expect(model.requests).toHaveLength(0);
  });

  it('sends the part unchanged to a model that takes PDFs', async () => {
    const model = new MockChatModel({ responses: ['It says hello.'] });
    const { chat } = await serviceWith({ models: { default: model } });

    await expect(chat.chat(askAboutPdf)).resolves.toMatchObject({ text: 'It says hello.' });
    expect(model.lastRequest?.messages).toEqual(askAboutPdf);
  });
});
