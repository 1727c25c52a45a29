/*
 * Phrases of prompt-injection attempts, matched on a folded form of the text (NFKC, invisible
 * characters removed, Cyrillic and Greek look-alike letters made Latin, lower case, spaces
 * collapsed). Each rule is a fixed word list with bounded gaps (`[^.\n]{0,40}`), so matching is
 * linear in the text.
 */

/** A named heuristic. */
interface InjectionRule {
  readonly name: string;
  readonly pattern: RegExp;
}

const GAP = '[^.\\n]{0,40}?';

const RULES: readonly InjectionRule[] = [
  {
    name: 'ignore_instructions',
    pattern: new RegExp(
      `\\b(?:ignore|disregard|forget|override|bypass|skip)\\b${GAP}\\b(?:previous|prior|above|earlier|preceding|all|any|your|the|these|those|system)\\b${GAP}\\b(?:instructions?|prompts?|rules|directions|guidelines|directives|context)\\b`,
    ),
  },
  {
    name: 'reveal_prompt',
    pattern: new RegExp(
      `\\b(?:reveal|show|print|repeat|leak|output|display|tell me)\\b${GAP}\\b(?:system|hidden|initial|original|secret|developer)\\s+(?:prompt|instructions?|message)`,
    ),
  },
  {
    name: 'role_override',
    pattern:
      /\byou are now\b|\bfrom now on,? you (?:are|will)\b|\bact as (?:an? )?(?:unrestricted|unfiltered|jailbroken|dan)\b|\bdeveloper mode\b|\bjailbreak\b|\bdo anything now\b|\bno longer bound by\b/,
  },
  {
    name: 'fake_markup',
    pattern:
      /<\|im_start\|>|<\|system\|>|<\|endoftext\|>|\[\/?inst\]|<<\/?sys>>|(?:^|\n)\s*#{2,}\s*(?:system|instructions?)\b|(?:^|\n)\s*(?:system|assistant)\s*:/,
  },
  {
    name: 'new_instructions',
    pattern: /\b(?:new|updated|real|actual) (?:instructions?|system prompt)\s*:/,
  },
];

/** Latin letters that Cyrillic and Greek look-alikes stand for. */
const LOOKALIKES: Readonly<Record<string, string>> = {
  а: 'a',
  е: 'e',
  о: 'o',
  р: 'p',
  с: 'c',
  у: 'y',
  х: 'x',
  і: 'i',
  ј: 'j',
  ѕ: 's',
  һ: 'h',
  ԁ: 'd',
  ԛ: 'q',
  ԝ: 'w',
  ο: 'o',
  α: 'a',
  ε: 'e',
  ι: 'i',
  ν: 'v',
  ρ: 'p',
  τ: 't',
  κ: 'k',
  υ: 'u',
};

// U+034F (combining grapheme joiner) outside the class: a combining mark in a class misleads readers.
const INVISIBLE = /\u034f|[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/g;
const LOOKALIKE = new RegExp(`[${Object.keys(LOOKALIKES).join('')}]`, 'g');

/** The text as the rules read it. */
export function foldForInjection(text: string): string {
  return text
    .normalize('NFKC')
    .replace(INVISIBLE, '')
    .toLowerCase()
    .replace(LOOKALIKE, (c) => LOOKALIKES[c] ?? c)
    .replace(/[ \t]+/g, ' ');
}

/** The names of the rules `text` matches (empty when none). */
export function matchInjectionRules(text: string): string[] {
  const folded = foldForInjection(text);
  return RULES.filter((rule) => rule.pattern.test(folded)).map((rule) => rule.name);
}
