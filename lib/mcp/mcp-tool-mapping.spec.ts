import type { RegisteredTool } from '../tools/registered-tool.types';
import { toCallToolResult, toMcpTool } from './mcp-tool-mapping';

const schema = { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] };

function tool(options: RegisteredTool['options']): RegisteredTool {
  return {
    name: 'get_order',
    description: 'An order',
    schema,
    definition: { name: 'get_order', description: 'An order', parameters: schema },
    options,
    source: { label: 'Orders.get' },
    handler: () => undefined,
  };
}

describe('MCP tool mapping', () => {
  it('lists a tool with its own name, description and schema', () => {
    expect(toMcpTool(tool({ description: 'An order' }))).toEqual({
      name: 'get_order',
      description: 'An order',
      inputSchema: schema,
    });
  });

  it('marks a tool that needs approval as destructive', () => {
    expect(toMcpTool(tool({ description: 'x', requiresApproval: true })).annotations).toEqual({
      destructiveHint: true,
    });
  });

  it('sends an object value as structured content beside its JSON text', () => {
    class Order {
      constructor(readonly id: string) {}
    }
    const value = new Order('42');
    expect(
      toCallToolResult({
        toolCallId: '1',
        toolName: 'get_order',
        content: '{"id":"42"}',
        isError: false,
        value,
      }),
    ).toEqual({
      content: [{ type: 'text', text: '{"id":"42"}' }],
      structuredContent: { id: '42' },
    });
  });

  it('sends text only for strings and arrays, and flags errors', () => {
    expect(
      toCallToolResult({
        toolCallId: '1',
        toolName: 't',
        content: 'hi',
        isError: false,
        value: 'hi',
      }),
    ).toEqual({
      content: [{ type: 'text', text: 'hi' }],
    });
    expect(
      toCallToolResult({
        toolCallId: '1',
        toolName: 't',
        content: '[1]',
        isError: false,
        value: [1],
      }),
    ).toEqual({
      content: [{ type: 'text', text: '[1]' }],
    });
    expect(
      toCallToolResult({ toolCallId: '1', toolName: 't', content: 'Nope', isError: true }),
    ).toEqual({
      content: [{ type: 'text', text: 'Nope' }],
      isError: true,
    });
  });
});
