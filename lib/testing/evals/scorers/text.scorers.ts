import { isDeepStrictEqual } from 'node:util';
import { ConduitValidationError } from '../../../core';
import type { Scorer } from '../eval.types';
import { defineScorer, outputText } from './define-scorer';

/** Options of the text scorers. */
export interface TextScorerOptions {
  /** Compare without case. Default false. */
  readonly ignoreCase?: boolean;
  /** Picks the text to check from the output. Default: the string, `text` or `answer`. */
  readonly text?: (output: unknown) => string;
}

function normalise(text: string, options: TextScorerOptions): string {
  const trimmed = text.trim().replace(/\s+/g, ' ');
  return options.ignoreCase === true ? trimmed.toLowerCase() : trimmed;
}

/**
 * 1 when the output equals the case's `expected`: text compared after trimming and collapsing
 * whitespace (and case, with `ignoreCase`), any other value deeply (an extracted object).
 */
export function exactMatch(options: TextScorerOptions = {}): Scorer {
  return defineScorer('exactMatch', ({ output, expected }) => {
    if (expected === undefined) {
      throw new ConduitValidationError(
        [{ path: 'expected', message: "exactMatch needs the case's expected output" }],
        'Invalid case',
      );
    }
    if (typeof expected !== 'string') {
      const equal = isDeepStrictEqual(JSON.parse(JSON.stringify(output) ?? 'null'), expected);
      return equal
        ? { score: 1 }
        : {
            score: 0,
            reason: `expected ${JSON.stringify(expected)}, got ${JSON.stringify(output)}`,
          };
    }
    const actual = (options.text ?? outputText)(output);
    return normalise(actual, options) === normalise(expected, options)
      ? { score: 1 }
      : { score: 0, reason: `expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}` };
  });
}

/**
 * The share of the substrings found in the output text: `includes('Paris')`,
 * `includes(['21', '°C'])`, or (no argument) the case's `expected` string or list.
 */
export function includes(
  substrings?: string | readonly string[],
  options: TextScorerOptions = {},
): Scorer {
  return defineScorer('includes', ({ output, expected }) => {
    const wanted = substrings ?? expected;
    const list =
      typeof wanted === 'string'
        ? [wanted]
        : Array.isArray(wanted)
          ? (wanted as unknown[])
          : undefined;
    if (list === undefined || list.length === 0 || list.some((item) => typeof item !== 'string')) {
      throw new ConduitValidationError(
        [
          {
            path: 'includes',
            message: 'needs substrings, or a case `expected` that is a string or a list of strings',
          },
        ],
        'Invalid scorer',
      );
    }
    const text = normalise((options.text ?? outputText)(output), options);
    const missing = (list as string[]).filter((item) => !text.includes(normalise(item, options)));
    const score = (list.length - missing.length) / list.length;
    return missing.length === 0
      ? { score }
      : { score, reason: `missing ${missing.map((m) => JSON.stringify(m)).join(', ')}` };
  });
}

/** 1 when the output text matches `pattern`. */
export function regex(pattern: RegExp, options: Pick<TextScorerOptions, 'text'> = {}): Scorer {
  return defineScorer('regex', ({ output }) => {
    const text = (options.text ?? outputText)(output);
    // A global or sticky pattern keeps its lastIndex between calls: reset it so cases don't interfere.
    pattern.lastIndex = 0;
    return pattern.test(text)
      ? { score: 1 }
      : {
          score: 0,
          reason: `${String(pattern)} does not match ${JSON.stringify(text.slice(0, 200))}`,
        };
  });
}
