import { UnsupportedContentError, type UserContentPart } from '../../core';

/** How a part is named in errors: `file (application/pdf)`, `audio (wav)`, `image (url)`. */
export function describePart(part: UserContentPart): string {
  switch (part.type) {
    case 'text':
      return 'text';
    case 'image':
      return 'data' in part ? `image (${part.mediaType})` : 'image (url)';
    case 'file':
      return `file (${part.mediaType}${'url' in part ? ', by url' : ''})`;
    case 'audio':
      return `audio (${part.format})`;
  }
}

/** Where a user part sits and which model was asked, for the error of a part that cannot be sent. */
export interface PartLocation {
  /** `provider:modelId`. */
  readonly model: string;
  readonly messageIndex: number;
  readonly partIndex: number;
}

/** The typed error for a part the wire format of this provider cannot carry. */
export function unsupportedPart(
  part: UserContentPart,
  at: PartLocation,
  reason: string,
): UnsupportedContentError {
  return new UnsupportedContentError({
    model: at.model,
    path: `messages[${at.messageIndex}].content[${at.partIndex}]`,
    part: describePart(part),
    reason,
  });
}

/** A file name for a file part sent without one: OpenAI asks for one next to `file_data`. */
export function defaultFilename(mediaType: string): string {
  const subtype = mediaType.split('/')[1]?.split(/[+;]/)[0] ?? 'bin';
  return `file.${subtype === 'plain' ? 'txt' : subtype}`;
}
