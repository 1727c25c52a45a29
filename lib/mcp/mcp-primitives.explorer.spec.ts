import { Injectable } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { ConduitValidationError } from '../core';
import { McpPrimitivesExplorer } from './mcp-primitives.explorer';
import { Prompt } from './prompt.decorator';
import { Resource } from './resource.decorator';

@Injectable()
class Docs {
  @Resource({ uri: 'docs://a' })
  a(): string {
    return 'a';
  }

  @Prompt({ description: 'Greets' })
  greet(args: Record<string, string>): string {
    return `Hello ${args['name'] ?? 'you'}`;
  }
}

@Injectable()
class MoreDocs {
  @Resource({ uri: 'docs://a' })
  again(): string {
    return 'again';
  }

  @Resource({ uri: 'not a uri' })
  bad(): string {
    return 'bad';
  }

  @Prompt({ name: 'greet' })
  greeting(): string {
    return 'hi';
  }
}

async function explore(
  ...providers: (typeof Docs | typeof MoreDocs)[]
): Promise<McpPrimitivesExplorer> {
  const moduleRef = await Test.createTestingModule({
    imports: [DiscoveryModule],
    providers: [McpPrimitivesExplorer, ...providers],
  }).compile();
  await moduleRef.init();
  return moduleRef.get(McpPrimitivesExplorer);
}

describe('McpPrimitivesExplorer', () => {
  it('finds @Resource() and @Prompt() methods, named after the method by default', async () => {
    const explorer = await explore(Docs);
    expect(explorer.resources.map((r) => [r.options.uri, r.label, r.read()])).toEqual([
      ['docs://a', 'Docs.a', 'a'],
    ]);
    expect(explorer.prompts.map((p) => [p.options.name, p.get({ name: 'Ada' })])).toEqual([
      ['greet', 'Hello Ada'],
    ]);
  });

  it('reports every declaration problem at bootstrap in one error', async () => {
    const error = await explore(Docs, MoreDocs).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConduitValidationError);
    expect((error as ConduitValidationError).issues).toEqual([
      { path: 'MoreDocs.again', message: 'resource URI "docs://a" is already declared by Docs.a' },
      {
        path: 'MoreDocs.greeting',
        message: 'prompt name "greet" is already declared by Docs.greet',
      },
      { path: 'MoreDocs.bad', message: 'resource URI "not a uri" is not a URI' },
    ]);
  });
});
