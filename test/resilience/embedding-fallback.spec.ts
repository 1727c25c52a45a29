import { Test } from '@nestjs/testing';
import { ChatService } from '../../lib/chat/chat.service';
import { FALLBACK_METADATA_KEY } from '../../lib/chat/fallback-options.types';
import { ConduitModule } from '../../lib/conduit.module';
import { ReplayServer } from '../support/replay-server';
import { errorBody } from '../faults/fault-bodies';
import { chatModelFor, embeddingModelFor } from '../faults/fault-harness';

describe('embedding fallbacks', () => {
  it('a 503 on the default embedding model is answered by its fallback', async () => {
    const failing = await ReplayServer.start();
    const backup = await ReplayServer.start();
    const module = await Test.createTestingModule({
      imports: [
        ConduitModule.forRoot({
          models: { default: chatModelFor('openai', failing.baseUrl) },
          embeddingModels: {
            default: embeddingModelFor(failing.baseUrl),
            backup: embeddingModelFor(backup.baseUrl),
          },
          embeddingFallbacks: { default: ['backup'] },
          ...({ retry: false } as Record<string, unknown>),
        }),
      ],
    }).compile();
    try {
      failing.enqueue({
        status: 503,
        body: errorBody('openai', 'server_error', 'Service unavailable'),
        headers: { 'content-type': 'application/json' },
      });
      backup.enqueue({ fixture: 'openai/embeddings.json' });
      const metadata = new Map<string, unknown>();
      const answer = await module.get(ChatService).embed(['hello', 'world'], { metadata });
      expect(answer.embeddings).toHaveLength(2);
      expect(failing.requests).toHaveLength(1);
      expect(backup.requests).toHaveLength(1);
      expect(metadata.get(FALLBACK_METADATA_KEY)).toEqual([
        expect.objectContaining({ alias: 'default', error: 'ServerError' }),
        expect.objectContaining({ alias: 'backup' }),
      ]);
    } finally {
      await module.close();
      await failing.close();
      await backup.close();
    }
  });
});
