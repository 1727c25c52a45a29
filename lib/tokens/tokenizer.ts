/**
 * Picks the BPE encoding for a model and loads it on first use.
 *
 * The encodings are large tables (o200k_base alone is several megabytes and takes ~150 ms to
 * parse), so they are `require`d lazily: an app that never counts tokens never pays for them, and
 * one that does pays once per encoding.
 */
import type * as EncodingModule from 'gpt-tokenizer/encoding/o200k_base';
// The encoders' own pre-token regexes (a small module, no tables): pinned gpt-tokenizer 3.4.0
// exposes them through its `./*` export; a new version must be checked against
// `count-in-bounded-pieces.ts`, whose exactness relies on splitting the way the encoder does.
import {
  CL100K_TOKEN_SPLIT_REGEX,
  O200K_TOKEN_SPLIT_REGEX,
} from 'gpt-tokenizer/encodingParams/constants';
import { countInBoundedPieces } from './count-in-bounded-pieces';

/** The two BPE encodings used by OpenAI chat and embedding models. */
export type EncodingName = 'o200k_base' | 'cl100k_base';

/** How tokens are counted for one model. */
export interface Tokenizer {
  readonly encoding: EncodingName;
  /** True when the count follows OpenAI's own tokenizer and message format for this model. */
  readonly exact: boolean;
  /** Tokens of a plain string. */
  countText(text: string): number;
}

type Encoder = (typeof EncodingModule)['countTokens'];

const NO_SPECIAL_TOKENS = new Set<string>();

const encoders = new Map<EncodingName, Encoder>();

/**
 * Own copies of the split regexes: `matchAll` starts from a global regex's `lastIndex`, which
 * nothing here should share with the library.
 */
const splitPatterns: Record<EncodingName, RegExp> = {
  o200k_base: new RegExp(O200K_TOKEN_SPLIT_REGEX.source, O200K_TOKEN_SPLIT_REGEX.flags),
  cl100k_base: new RegExp(CL100K_TOKEN_SPLIT_REGEX.source, CL100K_TOKEN_SPLIT_REGEX.flags),
};

function encoderFor(name: EncodingName): Encoder {
  let encoder = encoders.get(name);
  if (encoder === undefined) {
    // A synchronous lazy load: `countTokens` must stay synchronous, and a static import would
    // parse both tables whenever the library is imported.
    /* eslint-disable @typescript-eslint/no-require-imports */
    const loaded: typeof EncodingModule =
      name === 'o200k_base'
        ? (require('gpt-tokenizer/encoding/o200k_base') as typeof EncodingModule)
        : (require('gpt-tokenizer/encoding/cl100k_base') as typeof EncodingModule);
    /* eslint-enable @typescript-eslint/no-require-imports */
    encoder = loaded.countTokens;
    encoders.set(name, encoder);
  }
  return encoder;
}

/** OpenAI model families that use o200k_base (GPT-4o and later, the o-series reasoning models). */
const O200K_FAMILIES =
  /^(gpt-4o|chatgpt-4o|gpt-4\.1|gpt-4\.5|gpt-5|o1|o3|o4|gpt-realtime|gpt-audio|codex|computer-use)/;
/** Older OpenAI families that use cl100k_base. */
const CL100K_FAMILIES = /^(gpt-4|gpt-3\.5|text-embedding-3|text-embedding-ada-002)/;

/**
 * The tokenizer for `model`:
 * - OpenAI models (gpt-4o, gpt-4.1, gpt-5, o1/o3/o4, gpt-4, gpt-3.5-turbo, text-embedding-3-*):
 *   their real encoding, `exact: true`.
 * - Any other model (Claude, Llama, Grok, gpt-oss, unknown) or no model: o200k_base,
 *   `exact: false`; callers add a safety margin (see `countTokens`).
 */
export function tokenizerFor(model?: string): Tokenizer {
  const id = model?.trim().toLowerCase() ?? '';
  if (O200K_FAMILIES.test(id)) return makeTokenizer('o200k_base', true);
  if (CL100K_FAMILIES.test(id)) return makeTokenizer('cl100k_base', true);
  return makeTokenizer('o200k_base', false);
}

function makeTokenizer(encoding: EncodingName, exact: boolean): Tokenizer {
  return {
    encoding,
    exact,
    countText: (text) => {
      if (text.length === 0) return 0;
      const encoder = encoderFor(encoding);
      // User text may contain strings such as `<|endoftext|>`: the API reads them as plain text,
      // and so must the count (the encoder would throw on them by default).
      const encode = (part: string): number =>
        encoder(part, { disallowedSpecial: NO_SPECIAL_TOKENS });
      // Bounded pieces: the encoder's BPE is quadratic in the length of one pre-token (see there).
      return countInBoundedPieces(text, encode, splitPatterns[encoding]);
    },
  };
}
