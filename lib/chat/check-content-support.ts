import { UnsupportedContentError } from '../core/errors/unsupported-content.error';
import type { Message, UserContentPart } from '../core/message.types';
import type { ModelInfo } from '../core/model-info.types';

/** What a non-text part needs: the capability flag, and what the model is said not to take. */
interface Requirement {
  readonly capability: 'vision' | 'pdf' | 'audio';
  readonly takes: string;
  readonly part: string;
}

function requirementOf(part: UserContentPart): Requirement | undefined {
  switch (part.type) {
    case 'text':
      return undefined;
    case 'image':
      return { capability: 'vision', takes: 'images', part: 'image' };
    case 'audio':
      return { capability: 'audio', takes: 'audio input', part: `audio (${part.format})` };
    case 'file':
      return { capability: 'pdf', takes: 'files', part: `file (${part.mediaType})` };
  }
}

/**
 * Fails, before any request, on the first user part the model cannot take according to its
 * capabilities (catalogue entry, overridden by the model settings): images need `vision`, files
 * `pdf`, audio `audio`. Absent flags mean no, so an unknown model (a local one, a preset the
 * catalogue does not list) takes text only until its settings say otherwise. Which media types a
 * provider's wire format carries is the provider's own check, made when the body is built. Pure.
 *
 * @throws UnsupportedContentError naming the model, the part and its path.
 */
export function checkContentSupport(messages: readonly Message[], info: ModelInfo): void {
  messages.forEach((message, messageIndex) => {
    if (message.role !== 'user' || typeof message.content === 'string') return;
    message.content.forEach((part, partIndex) => {
      const needed = requirementOf(part);
      if (needed === undefined || info.capabilities[needed.capability] === true) return;
      throw new UnsupportedContentError({
        model: `${info.provider}:${info.modelId}`,
        path: `messages[${messageIndex}].content[${partIndex}]`,
        part: needed.part,
        reason: `the model does not take ${needed.takes} (if it does, set capabilities.${needed.capability}: true in its settings)`,
      });
    });
  });
}
