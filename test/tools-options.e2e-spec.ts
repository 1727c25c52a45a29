import { Test } from '@nestjs/testing';
import type { ConduitInterceptor, ToolCall } from 'nestjs-conduit';
import { ToolExecutor, ToolRegistry } from 'nestjs-conduit';
import { ToolsAppModule } from './fixtures/tools-app/tools-app.module';

function call(name: string): ToolCall {
  return { id: `call_${name}`, name, arguments: {}, rawArguments: '' };
}

describe('tools and the ConduitModule options (e2e)', () => {
  async function start(module: ReturnType<typeof ToolsAppModule.withTools>) {
    const moduleRef = await Test.createTestingModule({ imports: [module] }).compile();
    await moduleRef.init();
    return moduleRef;
  }

  it("exposes only the classes opted in with forFeature when discovery is 'feature'", async () => {
    const moduleRef = await start(ToolsAppModule.withFeatureDiscovery());
    expect(
      moduleRef
        .get(ToolRegistry)
        .list()
        .map((t) => t.name),
    ).toEqual(['place_order']);
    await moduleRef.close();
  });

  it("runs tool calls through the module's global interceptors as call kind 'tool'", async () => {
    const seen: string[] = [];
    const recorder: ConduitInterceptor = {
      intercept: (context, next) => {
        seen.push(`${context.kind}:${context.alias}`);
        return next.handle();
      },
    };
    const moduleRef = await start(ToolsAppModule.withInterceptor(recorder));
    await moduleRef.get(ToolExecutor).execute(call('my_tenant'));
    expect(seen).toEqual(['tool:my_tenant']);
    await moduleRef.close();
  });

  it('validates the tools options at bootstrap with the other module options', async () => {
    const module = ToolsAppModule.withTools([], {
      tools: { discovery: 'some' as 'all', timeoutMs: -1 },
    });
    await expect(start(module)).rejects.toThrow(
      /Invalid ConduitModule options:\n {2}- tools\.discovery: must be 'all' or 'feature'\n {2}- tools\.timeoutMs: must be a whole number/,
    );
  });
});

describe('tool declarations checked at bootstrap (e2e)', () => {
  async function bootstrap(module: ReturnType<typeof ToolsAppModule.withTools>): Promise<Error> {
    try {
      const moduleRef = await Test.createTestingModule({ imports: [module] }).compile();
      await moduleRef.init();
      await moduleRef.close();
    } catch (error) {
      return error as Error;
    }
    throw new Error('bootstrap did not fail');
  }

  it('fails on a tool name providers reject, naming the class and method', async () => {
    const error = await bootstrap(ToolsAppModule.withBadName());
    expect(error.message).toContain('Invalid @Tool() declarations');
    expect(error.message).toContain('BadNameTools.spaced: tool name "place order" is invalid');
  });

  it('fails on a duplicate tool name, naming both classes', async () => {
    const error = await bootstrap(ToolsAppModule.withDuplicateNames());
    expect(error.message).toContain(
      'DuplicateTools.placeAgain: tool name "place_order" is already declared by OrderTools.placeOrder',
    );
  });
});
