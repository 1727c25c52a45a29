import { extractCodeBlocks } from './extract-code-blocks';

describe('extractCodeBlocks', () => {
  const text = [
    'Install:',
    '```sh',
    'npm i nestjs-conduit',
    '```',
    'Then:',
    '~~~TypeScript title="app.ts"',
    'const a = 1;',
    '',
    'const b = "```";',
    '~~~',
    '````',
    '```inner```',
    '````',
  ].join('\n');

  it('returns every block in order with its language and code', () => {
    expect(extractCodeBlocks(text)).toEqual([
      { language: 'sh', code: 'npm i nestjs-conduit', closed: true },
      { language: 'typescript', code: 'const a = 1;\n\nconst b = "```";', closed: true },
      { code: '```inner```', closed: true },
    ]);
  });

  it('filters by language, case-insensitively', () => {
    expect(extractCodeBlocks(text, 'TYPESCRIPT').map((b) => b.code)).toEqual([
      'const a = 1;\n\nconst b = "```";',
    ]);
  });

  it('returns an unclosed last block with closed: false', () => {
    expect(extractCodeBlocks('```json\n{"a": 1\n')).toEqual([
      { language: 'json', code: '{"a": 1\n', closed: false },
    ]);
  });

  it('returns [] when there is no fence', () => {
    expect(extractCodeBlocks('no code `inline` here')).toEqual([]);
  });

  it('handles CRLF line ends', () => {
    expect(extractCodeBlocks('```py\r\nprint(1)\r\n```')).toEqual([
      { language: 'py', code: 'print(1)', closed: true },
    ]);
  });
});
