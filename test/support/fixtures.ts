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
