import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as root from '../../lib';
import * as mcp from '../../lib/mcp';
import * as queue from '../../lib/queue';
import * as testing from '../../lib/testing';

/**
 * The runtime exports of the package's entry points, compared with the committed list in
 * public-surface.json: a name added or removed fails here until the list is updated on purpose
 * (`UPDATE_SURFACE=1 npx jest test/surface`). The built package exports exactly these (dist is
 * compiled from the same index files; the consumer test imports it).
 */
const LIST = path.join(__dirname, 'public-surface.json');

interface Surface {
  readonly 'nestjs-conduit': readonly string[];
  readonly 'nestjs-conduit/testing': readonly string[];
  readonly 'nestjs-conduit/mcp': readonly string[];
  readonly 'nestjs-conduit/queue': readonly string[];
}

function current(): Surface {
  return {
    'nestjs-conduit': Object.keys(root).sort(),
    'nestjs-conduit/testing': Object.keys(testing).sort(),
    'nestjs-conduit/mcp': Object.keys(mcp).sort(),
    'nestjs-conduit/queue': Object.keys(queue).sort(),
  };
}

describe('the public surface', () => {
  it('is exactly the committed list of runtime exports', () => {
    const now = current();
    if (process.env['UPDATE_SURFACE'] === '1') {
      writeFileSync(LIST, `${JSON.stringify(now, null, 2)}\n`);
    }
    const committed = JSON.parse(readFileSync(LIST, 'utf8')) as Surface;
    expect(now).toEqual(committed);
  });

  it('keeps internals out: secret redaction, catalogue tables and warning plumbing', () => {
    const names = new Set(Object.keys(root));
    for (const internal of [
      'hideSecrets',
      'redactSecrets',
      'redactValue',
      'REDACTED',
      'warnUnknownModelOnce',
      'unknownModelMessage',
      'normalizeModelId',
      'MODEL_CATALOGUE',
      'CONSERVATIVE_CAPABILITIES',
      'OPENAI_PRICES_AS_OF',
    ]) {
      expect(names.has(internal)).toBe(false);
    }
  });
});
