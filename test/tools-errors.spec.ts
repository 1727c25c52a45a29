import {
  Catch,
  Injectable,
  Logger,
  UseFilters,
  type ExceptionFilter,
  type INestApplicationContext,
} from '@nestjs/common';
import { Test } from '@nestjs/testing';
import {
  AgentService,
  ConduitModule,
  Tool,
  ToolError,
  type ConduitToolsOptions,
  type Message,
} from 'nestjs-conduit';
import { MockChatModel, MockResponses } from 'nestjs-conduit/testing';

const DATABASE_URL = 'postgres://admin:hunter2@db/prod';

/** What a database driver throws: the message carries the connection string, password included. */
class DatabaseError extends Error {}

/** Maps the database failures of a tool to a message written for the model. */
@Catch(DatabaseError)
class DatabaseErrorFilter implements ExceptionFilter {
  catch(exception: DatabaseError): never {
    throw new ToolError('The order database is unavailable; try again later.', {
      cause: exception,
    });
  }
}

/** Tools that fail the ways real ones do. */
@Injectable()
class OrderTools {
  @Tool({ description: 'An order by id' })
  getOrder(): never {
    throw new Error(`${DATABASE_URL} refused`);
  }

  @Tool({ description: 'Finds an order' })
  findOrder(): never {
    throw new ToolError('No order with that id', { cause: new Error(`${DATABASE_URL} empty`) });
  }

  @Tool({ description: 'Refunds an order' })
  refund(): never {
    throw new ToolError(`refund refused by ${DATABASE_URL}, api_key=sk-live1234567890abcdef`);
  }

  @Tool({ description: 'Cancels an order' })
  @UseFilters(DatabaseErrorFilter)
  cancelOrder(): never {
    throw new DatabaseError(`${DATABASE_URL} timed out`);
  }
}

/** The context a Nest `Logger` was created with (`new Logger('ToolExecutor')`). */
function contextOf(logger: unknown): unknown {
  return (logger as { context?: unknown }).context;
}

describe('tool errors on their way to the model provider and the app logs', () => {
  let moduleRef: INestApplicationContext | undefined;
  let warn: jest.SpyInstance;
  let error: jest.SpyInstance;
  let debug: jest.SpyInstance;

  beforeEach(() => {
    warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    debug = jest.spyOn(Logger.prototype, 'debug').mockImplementation(() => undefined);
  });

  afterEach(async () => {
    await moduleRef?.close();
    moduleRef = undefined;
    jest.restoreAllMocks();
  });

  /**
   * Runs an agent whose model calls `tool` once and then answers; returns the tool message the
   * model received in its second request (what a provider would put in the request body).
   */
  async function toolMessageSent(tool: string, tools: ConduitToolsOptions = {}): Promise<Message> {
    const model = new MockChatModel({ responses: [MockResponses.toolCall(tool), 'Sorry.'] });
    const built = await Test.createTestingModule({
      imports: [ConduitModule.forRoot({ models: { default: model }, tools })],
      providers: [OrderTools],
    }).compile();
    moduleRef = await built.init();
    await built.get(AgentService).run({ prompt: 'Where is my order?', tools: [tool] });
    const sent = model.requests[1]?.messages.at(-1);
    if (sent === undefined) throw new Error('the model was not called again after the tool');
    return sent;
  }

  const contentOf = (message: Message): string => JSON.stringify(message.content);

  it('withholds a plain error message from the model: no password, only the error class', async () => {
    const sent = await toolMessageSent('getOrder');
    expect(sent).toMatchObject({ role: 'tool', isError: true });
    expect(sent.content).toBe('Tool "getOrder" failed (Error). The error details were withheld.');
    expect(contentOf(sent)).not.toContain('hunter2');
    expect(contentOf(sent)).not.toContain('postgres');
  });

  it('logs one warn line with the details under ToolExecutor, and nothing at ERROR from Nest', async () => {
    await toolMessageSent('getOrder');
    expect(warn).toHaveBeenCalledTimes(1);
    expect(contextOf(warn.mock.contexts[0])).toBe('ToolExecutor');
    const [line] = warn.mock.calls[0] as [string];
    expect(line).toMatch(
      /^Tool "getOrder" \(call \S+\) failed: Error: postgres:\/\/admin:hunter2@db\/prod refused$/,
    );
    // Nest's ExceptionsHandler logged every handled tool throw as an unhandled error, with a stack.
    expect(error).not.toHaveBeenCalled();
    expect(warn.mock.contexts.map(contextOf)).not.toContain('ExceptionsHandler');
  });

  it("sends a ToolError's message to the model, and logs it at debug only", async () => {
    const sent = await toolMessageSent('findOrder');
    expect(sent.content).toBe('Tool "findOrder" failed: No order with that id');
    expect(contentOf(sent)).not.toContain('hunter2');
    expect(warn).not.toHaveBeenCalled();
    expect(error).not.toHaveBeenCalled();
    expect(debug.mock.calls.map(([line]: unknown[]) => line)).toContainEqual(
      expect.stringMatching(
        /^Tool "findOrder" \(call \S+\) failed: ToolError: No order with that id$/,
      ),
    );
  });

  it('masks secrets a ToolError message carries (URL password, API key)', async () => {
    const sent = await toolMessageSent('refund');
    expect(sent.content).toBe(
      'Tool "refund" failed: refund refused by postgres://admin:[REDACTED]@db/prod, api_key=[REDACTED]',
    );
  });

  it("lets the app's exception filter turn a tool's error into a ToolError for the model", async () => {
    const sent = await toolMessageSent('cancelOrder');
    expect(sent.content).toBe(
      'Tool "cancelOrder" failed: The order database is unavailable; try again later.',
    );
    expect(error).not.toHaveBeenCalled();
  });

  it("sends every error's message, masked, with tools.toolErrors: 'verbose'", async () => {
    const sent = await toolMessageSent('getOrder', { toolErrors: 'verbose' });
    expect(sent.content).toBe(
      'Tool "getOrder" failed: postgres://admin:[REDACTED]@db/prod refused',
    );
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it('words errors with a tools.toolErrors function, which gets the error and the call', async () => {
    const toolErrors = jest.fn((failure: unknown) =>
      failure instanceof Error && failure.message.includes('refused')
        ? 'The order database refused the connection.'
        : undefined,
    );
    const sent = await toolMessageSent('getOrder', { toolErrors });
    expect(sent.content).toBe('The order database refused the connection.');
    expect(toolErrors).toHaveBeenCalledWith(
      expect.any(Error),
      expect.objectContaining({ name: 'getOrder' }),
    );
  });

  it('leaves to the safe message what a tools.toolErrors function returns undefined for', async () => {
    const sent = await toolMessageSent('getOrder', { toolErrors: () => undefined });
    expect(sent.content).toBe('Tool "getOrder" failed (Error). The error details were withheld.');
  });

  it('rejects an unknown tools.toolErrors value at bootstrap', async () => {
    const model = new MockChatModel();
    const build = (): Promise<unknown> =>
      Test.createTestingModule({
        imports: [
          ConduitModule.forRoot({
            models: { default: model },
            tools: { toolErrors: 'all' as unknown as 'safe' },
          }),
        ],
      }).compile();
    await expect(build()).rejects.toThrow(
      /tools\.toolErrors: must be 'safe', 'verbose' or a function/,
    );
  });
});
