import type { FilePart, Message, ToolCall, ToolDefinition, UserContentPart } from '../core';
import type { CountTokensOptions } from './count-tokens.types';
import { countToolTokens } from './count-tool-tokens';
import { tokenizerFor, type Tokenizer } from './tokenizer';

/** Every message is wrapped in `<|start|>role<|message|>...<|end|>`: 3 tokens besides the role. */
const TOKENS_PER_MESSAGE = 3;
/** A participant `name` costs one token besides its text. */
const TOKENS_PER_NAME = 1;
/** Every reply is primed with `<|start|>assistant<|message|>`. */
const REPLY_PRIMING_TOKENS = 3;
/** Framing of each tool call in an assistant turn (calibrated, see `countToolCalls`). */
const TOKENS_PER_TOOL_CALL = 2;
/** Tokens of an image in `low` detail (OpenAI: a flat 85). */
const LOW_DETAIL_IMAGE_TOKENS = 85;
/**
 * Tokens of an image in `high`/`auto` detail. The real figure depends on the pixel size, which is
 * not known without decoding the image; this is the figure of a 1024x1024 image (85 + 4 tiles x 170).
 */
const HIGH_DETAIL_IMAGE_TOKENS = 765;
/**
 * Tokens of a PDF page. Providers render each page as text plus an image: Anthropic documents
 * 1,500-3,000 tokens a page, OpenAI's PDF input is in the same range. The page count is not known
 * without parsing the file, so pages are estimated from the size at ~50 KB a page (text PDFs are
 * smaller, scanned ones larger) and each counts 2,000 tokens.
 */
const TOKENS_PER_PDF_PAGE = 2_000;
/** Bytes of a PDF page for the page estimate above. */
const BYTES_PER_PDF_PAGE = 50_000;
/**
 * Tokens a second of audio: OpenAI bills gpt-4o audio input at about 10 tokens a second (600 a
 * minute). Duration is estimated from the size at 16 KB a second (16 kHz 16-bit mono WAV; MP3 and
 * other compressed formats hold more seconds in the same bytes, so they are under-counted).
 */
const AUDIO_TOKENS_PER_SECOND = 10;
/** Bytes of a second of audio for the duration estimate above. */
const AUDIO_BYTES_PER_SECOND = 16_000;
/** A file given by URL: its size is unknown, so it counts as one PDF page. */
const URL_FILE_TOKENS = TOKENS_PER_PDF_PAGE;

/** Bytes a base64 string decodes to, without decoding it. */
function base64Bytes(data: string): number {
  const padding = data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0;
  return Math.max(0, Math.floor((data.length * 3) / 4) - padding);
}

/** Safety margin on estimates for non-OpenAI tokenizers (Claude, Llama, Grok count up to ~10% more). */
const ESTIMATE_MARGIN = 1.1;

function countFilePart(part: FilePart, tokenizer: Tokenizer): number {
  if ('url' in part) return URL_FILE_TOKENS;
  if (part.mediaType.startsWith('text/')) {
    return tokenizer.countText(Buffer.from(part.data, 'base64').toString('utf8'));
  }
  return Math.max(1, Math.ceil(base64Bytes(part.data) / BYTES_PER_PDF_PAGE)) * TOKENS_PER_PDF_PAGE;
}

function countUserPart(part: UserContentPart, tokenizer: Tokenizer): number {
  switch (part.type) {
    case 'text':
      return tokenizer.countText(part.text);
    case 'image':
      return part.detail === 'low' ? LOW_DETAIL_IMAGE_TOKENS : HIGH_DETAIL_IMAGE_TOKENS;
    case 'file':
      return countFilePart(part, tokenizer);
    case 'audio':
      return Math.ceil(base64Bytes(part.data) / AUDIO_BYTES_PER_SECOND) * AUDIO_TOKENS_PER_SECOND;
  }
}

/**
 * Tool calls of an assistant turn as OpenAI renders them: one call is addressed to
 * `functions.<name>` with its JSON arguments; several are wrapped in one `multi_tool_use.parallel`
 * call. OpenAI does not document this part of the format: the per-call overhead is calibrated on a
 * recorded gpt-4o request (two parallel calls and their results) whose `prompt_tokens` the API
 * reported, so other shapes may be off by a token or two.
 */
function countToolCalls(toolCalls: readonly ToolCall[], tokenizer: Tokenizer): number {
  if (toolCalls.length === 0) return 0;
  const recipientSeparator = 1 + TOKENS_PER_TOOL_CALL * toolCalls.length;
  if (toolCalls.length === 1) {
    const [call] = toolCalls as readonly [ToolCall];
    return (
      tokenizer.countText(` to=functions.${call.name}`) +
      tokenizer.countText(JSON.stringify(call.arguments)) +
      recipientSeparator
    );
  }
  const wrapper = JSON.stringify({
    tool_uses: toolCalls.map((call) => ({
      recipient_name: `functions.${call.name}`,
      parameters: call.arguments,
    })),
  });
  return (
    tokenizer.countText(' to=multi_tool_use.parallel') +
    tokenizer.countText(wrapper) +
    recipientSeparator
  );
}

function countMessageWith(message: Message, tokenizer: Tokenizer): number {
  let total = TOKENS_PER_MESSAGE + tokenizer.countText(message.role);
  switch (message.role) {
    case 'system':
    case 'tool':
      total += tokenizer.countText(message.content);
      break;
    case 'user':
      total +=
        typeof message.content === 'string'
          ? tokenizer.countText(message.content)
          : message.content.reduce((sum, part) => sum + countUserPart(part, tokenizer), 0);
      if (message.name !== undefined) total += TOKENS_PER_NAME + tokenizer.countText(message.name);
      break;
    case 'assistant':
      if (typeof message.content === 'string') {
        total += tokenizer.countText(message.content);
      } else {
        for (const part of message.content) {
          // OpenAI drops reasoning parts from the request; other providers receive them back.
          if (part.type === 'text' || !tokenizer.exact) total += tokenizer.countText(part.text);
        }
      }
      total += countToolCalls(message.toolCalls ?? [], tokenizer);
      break;
  }
  return total;
}

function withMargin(count: number, tokenizer: Tokenizer): number {
  return tokenizer.exact ? count : Math.ceil(count * ESTIMATE_MARGIN);
}

/**
 * Tokens a chat request's prompt will take: messages, tool definitions and the reply priming.
 *
 * - OpenAI models (`gpt-4o*`, `gpt-4.1*`, `gpt-5*`, `o1`/`o3`/`o4*`, `gpt-4*`, `gpt-3.5*`): the
 *   model's real BPE encoding (o200k_base or cl100k_base, via `gpt-tokenizer`) and OpenAI's message
 *   format (3 tokens a message, 1 a name, 3 to prime the reply; tool definitions by the cookbook's
 *   formula): the `prompt_tokens` the API reports for text messages and tool definitions. Tool
 *   calls in the history follow an undocumented rendering, calibrated on a recorded request. Images
 *   count 85 tokens in `low` detail and 765 otherwise (the real figure depends on the pixel size).
 *   Files and audio are always estimates (see below), even for OpenAI models.
 * - Files: text files by their decoded text; PDFs and other binary files 2,000 tokens a page, pages
 *   estimated at one per 50 KB (at least one); files by URL count one page. Audio: 10 tokens a
 *   second, seconds estimated at 16 KB each (16 kHz mono WAV; compressed audio is under-counted).
 * - Any other model, or none: an estimate, the o200k_base count plus 10% (rounded up), because
 *   Claude, Llama and Grok tokenizers produce up to about that many more tokens for the same text.
 *
 * @example
 * countTokens([{ role: 'user', content: 'Hello!' }], undefined, { model: 'gpt-4o-mini' }); // 9
 */
export function countTokens(
  messages: readonly Message[],
  tools?: readonly ToolDefinition[],
  options: CountTokensOptions = {},
): number {
  const tokenizer = tokenizerFor(options.model);
  let total = REPLY_PRIMING_TOKENS + countToolTokens(tools ?? [], tokenizer);
  for (const message of messages) total += countMessageWith(message, tokenizer);
  return withMargin(total, tokenizer);
}

/**
 * Tokens one message adds to a prompt (its text plus the 3-token frame and role), without the
 * reply priming that `countTokens` adds once. Same exact/estimate rule as `countTokens`.
 */
export function countMessageTokens(message: Message, options: CountTokensOptions = {}): number {
  const tokenizer = tokenizerFor(options.model);
  return withMargin(countMessageWith(message, tokenizer), tokenizer);
}

/** Tokens of a plain string (an answer, an embedding input). Same exact/estimate rule as `countTokens`. */
export function countTextTokens(text: string, options: CountTokensOptions = {}): number {
  const tokenizer = tokenizerFor(options.model);
  return withMargin(tokenizer.countText(text), tokenizer);
}

/** Whether counts for `model` are exact (OpenAI models) or estimates (every other model). */
export function isExactTokenCount(model?: string): boolean {
  return tokenizerFor(model).exact;
}
