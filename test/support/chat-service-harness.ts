import { Test, type TestingModule } from '@nestjs/testing';
import { ChatService } from '../../lib/chat/chat.service';
import type { ConduitModuleOptions } from '../../lib/conduit-options.interface';
import { ConduitModule } from '../../lib/conduit.module';

/** A compiled module with `ConduitModule.forRoot(options)`, and its ChatService. */
export async function chatServiceWith(
  options: ConduitModuleOptions,
): Promise<{ chat: ChatService; moduleRef: TestingModule }> {
  const moduleRef = await Test.createTestingModule({
    imports: [ConduitModule.forRoot(options)],
  }).compile();
  return { chat: moduleRef.get(ChatService), moduleRef };
}
