import type { CallToolResult, Tool } from '@modelcontextprotocol/client';
import { ToolError } from '../tools/tool.error';
import { callResultText, remoteToolName, remoteToolRegistration } from './remote-tool-registration';

const forecast: Tool = {
  name: 'get_forecast',
  description: 'The forecast',
  inputSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};
const context = {
  toolCall: { id: '1', name: 'x', arguments: {}, rawArguments: '{}' },
  signal: new AbortController().signal,
  metadata: new Map(),
};

describe('remote tools as registrations', () => {
  it('names them <prefix>__<name>, with characters tool names cannot hold replaced', () => {
    expect(remoteToolName('weather', { url: 'http://x' }, 'get_forecast')).toBe(
      'weather__get_forecast',
    );
    expect(remoteToolName('weather', { url: 'http://x', prefix: 'wx' }, 'station.status')).toBe(
      'wx__station_status',
    );
    expect(remoteToolName('weather', { url: 'http://x', prefix: '' }, 'radar')).toBe('radar');
  });

  it('keeps the remote schema and applies the server policy, overridden per tool', () => {
    const registration = remoteToolRegistration(
      'weather',
      {
        url: 'http://x',
        requiresApproval: true,
        timeoutMs: 5_000,
        tools: { get_forecast: { timeoutMs: 100, concurrency: 'sequential' } },
      },
      forecast,
      () => Promise.reject(new Error('not called')),
    );
    expect(registration).toMatchObject({
      name: 'weather__get_forecast',
      description: 'The forecast',
      parameters: forecast.inputSchema,
      requiresApproval: true,
      timeoutMs: 100,
      concurrency: 'sequential',
      source: { label: 'mcp:weather/get_forecast' },
    });
  });

  it('describes a tool that has no description', () => {
    const registration = remoteToolRegistration(
      'weather',
      { url: 'http://x' },
      { ...forecast, description: undefined },
      () => Promise.reject(new Error('not called')),
    );
    expect(registration.description).toBe('The tool "get_forecast" of the MCP server "weather".');
  });

  it('calls with the remote name and the signal; structured content wins over text', async () => {
    const calls: unknown[] = [];
    const registration = remoteToolRegistration(
      'weather',
      { url: 'http://x' },
      forecast,
      (name, args, signal) => {
        calls.push([name, args, signal]);
        return Promise.resolve({
          content: [{ type: 'text', text: 'Sunny' }],
          structuredContent: { sky: 'clear' },
        });
      },
    );
    await expect(registration.handler({ city: 'Oslo' }, context)).resolves.toEqual({
      sky: 'clear',
    });
    expect(calls).toEqual([['get_forecast', { city: 'Oslo' }, context.signal]]);
  });

  it('turns a remote error result into a ToolError the model reads', async () => {
    const registration = remoteToolRegistration('weather', { url: 'http://x' }, forecast, () =>
      Promise.resolve({ content: [{ type: 'text', text: 'Station offline' }], isError: true }),
    );
    const error = await Promise.resolve(registration.handler({}, context)).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ToolError);
    expect((error as ToolError).message).toBe('Station offline');
  });

  it('joins text parts and keeps other parts as JSON', () => {
    const result: CallToolResult = {
      content: [
        { type: 'text', text: 'a' },
        { type: 'image', data: 'AAAA', mimeType: 'image/png' },
      ],
    };
    expect(callResultText(result)).toBe('a\n{"type":"image","data":"AAAA","mimeType":"image/png"}');
  });
});
