import type { Message } from '../core';

/** The default instruction of `extract()`. */
export const EXTRACTION_INSTRUCTIONS =
  'Extract the requested information from the text the user gives. Use only what the text ' +
  'states; leave out optional fields the text does not mention and never invent values.';

/** The conversation of an extraction: the instruction, then the text as the user's message. */
export function extractionMessages(text: string, instructions?: string): Message[] {
  return [
    { role: 'system', content: instructions ?? EXTRACTION_INSTRUCTIONS },
    { role: 'user', content: text },
  ];
}
