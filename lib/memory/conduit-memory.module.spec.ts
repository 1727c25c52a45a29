import { Test } from '@nestjs/testing';
import { ConduitValidationError } from '../core';
import { ConduitMemoryModule } from './conduit-memory.module';
import { ConversationMemory } from './conversation-memory';
import type { ConduitMemoryOptions } from './memory-options.types';

describe('ConduitMemoryModule.forRoot', () => {
  it('rejects a wrong store, strategy and isGlobal with one error listing each', () => {
    const options = {
      store: { read: () => undefined },
      strategy: {},
      isGlobal: 'yes',
    } as unknown as ConduitMemoryOptions;
    expect(() => ConduitMemoryModule.forRoot(options)).toThrow(ConduitValidationError);
    expect(() => ConduitMemoryModule.forRoot(options)).toThrow(
      [
        'Invalid ConduitMemoryModule options:',
        '  - store: must be a ConversationStore (InMemoryConversationStore, RedisConversationStore); missing append, saveSummary, replace, delete, ids',
        '  - strategy: must be a MemoryStrategy (with a view method)',
        '  - isGlobal: must be a boolean',
      ].join('\n'),
    );
  });

  it('provides ConversationMemory over the default store when none is given', async () => {
    const app = await Test.createTestingModule({
      imports: [ConduitMemoryModule.forRoot()],
    }).compile();
    const memory = app.get(ConversationMemory);
    await memory.append('a', [{ role: 'user', content: 'hi' }]);
    expect(await memory.list()).toEqual(['a']);
    await app.close();
  });
});
