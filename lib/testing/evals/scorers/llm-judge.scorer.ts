import type { JsonSchema } from '../../../core';
import type { Scorer } from '../eval.types';
import { defineScorer } from './define-scorer';
import { asText, judgeChat, type JudgeModelOptions } from './judge-chat';

/** Options of `llmJudge`. */
export interface LlmJudgeOptions extends JudgeModelOptions {
  /** What a good answer is, in plain words: the judge grades against it. */
  readonly rubric: string;
  /** Labels the scorer in reports. Default `llmJudge`. */
  readonly name?: string;
  /** The eval fails when this judge's mean is below it. */
  readonly threshold?: number;
  /** The score a case needs to pass. Default 0.5. */
  readonly passAt?: number;
}

/** The judge's structured verdict. */
interface JudgeVerdict {
  readonly reasoning: string;
  readonly score: number;
}

/** Reasoning first: a model that writes its reasons before the grade grades more consistently. */
const VERDICT_SCHEMA: JsonSchema = {
  type: 'object',
  properties: {
    reasoning: {
      type: 'string',
      description: 'Why the answer earns this score, citing the rubric.',
    },
    score: {
      type: 'number',
      minimum: 0,
      maximum: 1,
      description: '0 = fails the rubric, 1 = fully meets it.',
    },
  },
  required: ['reasoning', 'score'],
  additionalProperties: false,
};

const SYSTEM =
  'You are a strict evaluator. Grade the ANSWER against the RUBRIC only. Reply with your ' +
  'reasoning, then a score from 0 (fails the rubric) to 1 (fully meets it).';

/**
 * An LLM grades each output against a rubric, through `ChatService.generateObject` (structured
 * output: `{ reasoning, score }`, validated, corrected by the model when invalid). The judge's
 * reasoning is the case's `reason` in the report.
 *
 * @example
 * llmJudge({ rubric: 'Answers the weather question with a temperature and a city.', model: 'judge' })
 */
export function llmJudge(options: LlmJudgeOptions): Scorer {
  return defineScorer(
    options.name ?? 'llmJudge',
    async (context) => {
      const prompt = [
        `RUBRIC:\n${options.rubric}`,
        `INPUT:\n${asText(context.input)}`,
        ...(context.expected === undefined
          ? []
          : [`REFERENCE ANSWER:\n${asText(context.expected)}`]),
        `ANSWER:\n${asText(context.output)}`,
      ].join('\n\n');
      const verdict = await judgeChat(options, context).generateObject<JudgeVerdict>(prompt, {
        schema: VERDICT_SCHEMA,
        name: 'verdict',
        system: SYSTEM,
        temperature: 0,
        signal: context.signal,
        ...(options.model === undefined ? {} : { model: options.model }),
      });
      const score = Math.max(0, Math.min(1, verdict.score));
      return { score, pass: score >= (options.passAt ?? 0.5), reason: verdict.reasoning };
    },
    options.threshold === undefined ? {} : { threshold: options.threshold },
  );
}
