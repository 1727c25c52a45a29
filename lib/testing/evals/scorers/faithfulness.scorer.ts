import type { JsonSchema } from '../../../core';
import { isRecord } from '../../../core/is-record';
import type { Scorer } from '../eval.types';
import { defineScorer, outputText } from './define-scorer';
import { judgeChat, type JudgeModelOptions } from './judge-chat';

/** Options of `faithfulness`. */
export interface FaithfulnessOptions extends JudgeModelOptions {
  /** The eval fails when the mean faithfulness is below it. */
  readonly threshold?: number;
  /** The share of supported claims a case needs to pass. Default 1 (every claim). */
  readonly passAt?: number;
  /** The answer text. Default: the output's `answer` / `text`, or the string. */
  readonly answer?: (output: unknown) => string;
  /** The source texts. Default: `output.sources[].document.content` (a `RagAnswer`) or strings. */
  readonly sources?: (output: unknown) => readonly string[];
}

interface ClaimVerdicts {
  readonly claims: readonly { readonly claim: string; readonly supported: boolean }[];
}

const CLAIMS_SCHEMA: JsonSchema = {
  type: 'object',
  properties: {
    claims: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          claim: { type: 'string', description: 'One factual statement of the answer.' },
          supported: {
            type: 'boolean',
            description: 'True only if the sources state or directly imply it.',
          },
        },
        required: ['claim', 'supported'],
        additionalProperties: false,
      },
    },
  },
  required: ['claims'],
  additionalProperties: false,
};

const SYSTEM =
  'You check answers against their sources. Split the ANSWER into its factual claims; for each, ' +
  'say whether the SOURCES support it. Use no outside knowledge. Greetings and hedges are not claims.';

/** `RagAnswer.sources[].document.content`, or a list of strings / `{ content }`. */
function defaultSources(output: unknown): string[] {
  const list =
    isRecord(output) && Array.isArray(output.sources) ? (output.sources as unknown[]) : [];
  return list
    .map((source) => {
      if (typeof source === 'string') return source;
      const document = isRecord(source) && isRecord(source.document) ? source.document : source;
      return isRecord(document) && typeof document.content === 'string'
        ? document.content
        : undefined;
    })
    .filter((text): text is string => text !== undefined);
}

/**
 * How much of a RAG answer its sources support: an LLM judge splits the answer into claims and
 * checks each against the sources (one structured call a case); the score is the share supported,
 * and the reason names the unsupported claims. An answer with no claim scores 1.
 */
export function faithfulness(options: FaithfulnessOptions = {}): Scorer {
  return defineScorer(
    'faithfulness',
    async (context) => {
      const answer = (options.answer ?? outputText)(context.output);
      const sources = (options.sources ?? defaultSources)(context.output);
      if (sources.length === 0)
        return { score: 0, pass: false, reason: 'the output has no sources to check against' };
      const prompt = [
        `SOURCES:\n${sources.map((text, i) => `[${i + 1}] ${text}`).join('\n\n')}`,
        `ANSWER:\n${answer}`,
      ].join('\n\n');
      const verdicts = await judgeChat(options, context).generateObject<ClaimVerdicts>(prompt, {
        schema: CLAIMS_SCHEMA,
        name: 'claims',
        system: SYSTEM,
        temperature: 0,
        signal: context.signal,
        ...(options.model === undefined ? {} : { model: options.model }),
      });
      if (verdicts.claims.length === 0) return { score: 1, reason: 'the answer makes no claim' };
      const unsupported = verdicts.claims.filter((c) => !c.supported);
      const score = (verdicts.claims.length - unsupported.length) / verdicts.claims.length;
      return {
        score,
        pass: score >= (options.passAt ?? 1),
        reason:
          unsupported.length === 0
            ? `all ${verdicts.claims.length} claims supported`
            : `unsupported: ${unsupported.map((c) => JSON.stringify(c.claim)).join('; ')}`,
      };
    },
    options.threshold === undefined ? {} : { threshold: options.threshold },
  );
}
