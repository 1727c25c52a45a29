import { readFileSync } from 'node:fs';
import * as path from 'node:path';

/**
 * The recorded provider traffic. CI clones the repo next to `shared/`, exactly like
 * /work/main and /work/shared, so the folder is found relative to this file.
 */
export const FIXTURES_DIR = path.resolve(__dirname, '../../../shared/fixtures');

/** Absolute path of a fixture, e.g. `fixturePath('openai/chat-text.json')`. */
export function fixturePath(name: string): string {
  return path.join(FIXTURES_DIR, name);
}

/**
 * Rebuilds an SSE body from a `.chunks.jsonl` file (one payload a line), the way vercel/ai's tests
 * do: `data: <line>\n\n` for each line, then `data: [DONE]\n\n`.
 */
export function chunksJsonlToSse(jsonl: string): string {
  const lines = jsonl.split('\n').filter((line) => line.trim() !== '');
  return `${lines.map((line) => `data: ${line}\n\n`).join('')}data: [DONE]\n\n`;
}

/**
 * A fixture's bytes as a UTF-8 string, ready to serve: `.chunks.jsonl` files come back as SSE,
 * everything else exactly as stored.
 */
export function readFixture(name: string): string {
  const text = readFileSync(fixturePath(name), 'utf8');
  return name.endsWith('.chunks.jsonl') ? chunksJsonlToSse(text) : text;
}

/** A JSON fixture, parsed. */
export function readFixtureJson<T = unknown>(name: string): T {
  return JSON.parse(readFileSync(fixturePath(name), 'utf8')) as T;
}

/** The HTTP status recorded in a fixture name (`error-invalid-api-key.401.json` -> 401), else 200. */
export function fixtureStatus(name: string): number {
  const match = /\.(\d{3})\.json$/.exec(name);
  return match ? Number(match[1]) : 200;
}

/**
 * Deterministic "random" cut offsets for a body of `length` bytes: pieces of 1 to `maxPiece`
 * bytes from a seeded generator (mulberry32), so a failing split can be replayed exactly.
 */
export function seededCuts(length: number, seed: number, maxPiece = 64): number[] {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const cuts: number[] = [];
  for (
    let at = 1 + Math.floor(next() * maxPiece);
    at < length;
    at += 1 + Math.floor(next() * maxPiece)
  ) {
    cuts.push(at);
  }
  return cuts;
}

/**
 * The answer text a recorded OpenAI or Anthropic fixture holds, read straight from the recording
 * (an oracle independent of the library's mappers): JSON bodies and SSE streams alike. Tests
 * compare the library's answer with it instead of asserting only a non-empty text.
 */
export function recordedText(name: string): string {
  const raw = readFixture(name);
  if (name.endsWith('.json')) {
    const body = JSON.parse(raw) as {
      choices?: { message?: { content?: string | null } }[];
      content?: { type: string; text?: string }[];
    };
    if (body.choices !== undefined) return body.choices[0]?.message?.content ?? '';
    return (body.content ?? []).map((block) => (block.type === 'text' ? block.text : '')).join('');
  }
  let text = '';
  for (const line of raw.split('\n')) {
    if (!line.startsWith('data:')) continue;
    const data = line.slice(5).trim();
    if (data === '' || data === '[DONE]') continue;
    const event = JSON.parse(data) as {
      choices?: { index?: number; delta?: { content?: string | null } }[];
      type?: string;
      delta?: { type?: string; text?: string };
    };
    const choice = event.choices?.find((c) => (c.index ?? 0) === 0);
    text += choice?.delta?.content ?? '';
    if (event.type === 'content_block_delta' && event.delta?.type === 'text_delta') {
      text += event.delta.text ?? '';
    }
  }
  return text;
}
