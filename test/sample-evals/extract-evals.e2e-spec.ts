import * as path from 'node:path';
import { Test } from '@nestjs/testing';
import {
  describeEval,
  jsonSchema,
  llmJudge,
  type EvalScorer,
  type Score,
  type ScorerContext,
} from 'nestjs-conduit/testing';
import { AppModule } from '../../sample/app.module';
import { ContactDto } from '../../sample/extract/dto/contact.dto';
import { ExtractController, type ExtractAnswer } from '../../sample/extract/extract.controller';
import { demoBaseline, sampleEvalEnv, usesRealModel } from './sample-eval-env';

type Contact = Partial<Record<'name' | 'email' | 'phone' | 'company', string>>;

const CASES: readonly { input: string; expected: Contact }[] = [
  {
    input: 'Ada Lovelace (ada@example.com) leads research at Analytical Engines.',
    expected: { name: 'Ada Lovelace', email: 'ada@example.com', company: 'Analytical Engines' },
  },
  {
    input: 'Best regards,\nGrace Hopper\nNavy Labs\ngrace.hopper@navy.example\n+1 202 555 0143',
    expected: {
      name: 'Grace Hopper',
      email: 'grace.hopper@navy.example',
      phone: '+1 202 555 0143',
    },
  },
  {
    input: 'Call Alan Turing from Bletchley Park on +44 1908 640404.',
    expected: { name: 'Alan Turing', phone: '+44 1908 640404', company: 'Bletchley Park' },
  },
  {
    input: 'Ping Linus Torvalds <linus@kernel.example> about the merge window.',
    expected: { name: 'Linus Torvalds', email: 'linus@kernel.example' },
  },
  // A lowercase name: the demo model's patterns miss it (a real model should not).
  {
    input: 'mail from barbara liskov, barbara@mit.example',
    expected: { name: 'Barbara Liskov', email: 'barbara@mit.example' },
  },
];

/** A custom scorer: the share of the expected fields extracted exactly (case-insensitive). */
function fieldsMatch({ output, expected }: ScorerContext<string, ExtractAnswer, Contact>): Score {
  const wanted = Object.entries(expected ?? {});
  const got = output.contact as Contact;
  const wrong = wanted.filter(
    ([key, value]) => got[key as keyof Contact]?.toLowerCase() !== value.toLowerCase(),
  );
  const score = (wanted.length - wrong.length) / Math.max(1, wanted.length);
  return wrong.length === 0
    ? { score }
    : {
        score,
        reason: wrong
          .map(
            ([key, value]) =>
              `${key}: expected ${value}, got ${got[key as keyof Contact] ?? 'nothing'}`,
          )
          .join('; '),
      };
}

const env = sampleEvalEnv();
const scorers: EvalScorer<string, ExtractAnswer, Contact>[] = [
  fieldsMatch,
  // The DTO is the schema: the contact must pass its class-validator rules.
  jsonSchema(ContactDto, { pick: (output) => (output as ExtractAnswer).contact }),
];
if (usesRealModel(env)) {
  scorers.push(
    llmJudge({
      rubric: 'The contact holds only details the text states about the person, none made up.',
    }),
  );
}

// The extraction route's controller on the whole sample app (its model, interceptors, DTOs).
describeEval('sample extraction: contacts', {
  module: () => Test.createTestingModule({ imports: [AppModule.forRoot(env)] }),
  data: CASES,
  task: (text, { get }) => get(ExtractController).extract({ text }),
  scorers,
  threshold: 0.7,
  timeoutMs: 30_000,
  report: demoBaseline(env, path.join(__dirname, 'baselines', 'sample-extraction.json')),
});
