import type { MockToolCall } from 'nestjs-conduit/testing';

/** A rule of the demo model: a question it recognizes and the tool call it answers with. */
interface ToolIntent {
  readonly tool: string;
  readonly match: (question: string) => Record<string, unknown> | undefined;
}

const INTENTS: readonly ToolIntent[] = [
  {
    // The background research agent (sample/research): its one tool waits for an approval.
    tool: 'publish_report',
    match: (question) => {
      const found = /^research\s+(.+)$/i.exec(question.trim());
      return found?.[1] === undefined ? undefined : { topic: found[1] };
    },
  },
  {
    tool: 'get_weather',
    match: (question) => {
      const found = /\bweather\b.*?\b(?:in|at|for)\s+([A-Za-z][A-Za-z .'-]*[A-Za-z])/i.exec(
        question,
      );
      return found?.[1] === undefined ? undefined : { city: found[1] };
    },
  },
  {
    tool: 'calculate',
    match: (question) => {
      const found = /(-?\d+(?:\.\d+)?)\s*([-+*/x×])\s*(-?\d+(?:\.\d+)?)/.exec(question);
      if (found?.[1] === undefined || found[2] === undefined || found[3] === undefined) {
        return undefined;
      }
      const operator = found[2] === 'x' || found[2] === '×' ? '*' : found[2];
      return { a: Number(found[1]), operator, b: Number(found[3]) };
    },
  },
  {
    // A tool of the sample's stdio MCP server (sample/mcp/units-server.stdio.mjs).
    tool: 'units__convert',
    match: (question) => {
      const found = /\bconvert\s+(-?\d+(?:\.\d+)?)\s*([a-z°]+)\s+(?:to|in|into)\s+([a-z°]+)/i.exec(
        question,
      );
      const from = unitOf(found?.[2]);
      const to = unitOf(found?.[3]);
      if (found?.[1] === undefined || from === undefined || to === undefined) return undefined;
      return { value: Number(found[1]), from, to };
    },
  },
  {
    tool: 'get_order_status',
    match: (question) => {
      const found = /\border\s*#?\s*([A-Za-z0-9-]+)/i.exec(question);
      return found?.[1] === undefined ? undefined : { orderId: found[1] };
    },
  },
];

/** The unit converter's symbols, by the words a question may use for them. */
const UNIT_WORDS: Readonly<Record<string, string>> = {
  km: 'km',
  kilometer: 'km',
  kilometre: 'km',
  m: 'm',
  meter: 'm',
  metre: 'm',
  mi: 'mi',
  mile: 'mi',
  ft: 'ft',
  foot: 'ft',
  feet: 'ft',
  kg: 'kg',
  kilogram: 'kg',
  lb: 'lb',
  pound: 'lb',
  c: 'C',
  '°c': 'C',
  celsius: 'C',
  f: 'F',
  '°f': 'F',
  fahrenheit: 'F',
};

function unitOf(word: string | undefined): string | undefined {
  if (word === undefined) return undefined;
  const lower = word.toLowerCase();
  // Plurals ("miles", "kilometres", "lbs") are the singular's unit.
  return UNIT_WORDS[lower] ?? (lower.endsWith('s') ? UNIT_WORDS[lower.slice(0, -1)] : undefined);
}

/**
 * The tool call the demo model makes for `question`, when the question matches one of its rules
 * and the request offers that tool; `undefined` otherwise (the model then answers in text).
 */
export function toolCallFor(
  question: string,
  offeredTools: readonly string[],
): MockToolCall | undefined {
  for (const intent of INTENTS) {
    if (!offeredTools.includes(intent.tool)) continue;
    const args = intent.match(question);
    if (args !== undefined) return { name: intent.tool, arguments: args };
  }
  return undefined;
}
