import { ConduitValidationError } from '../core';
import type { ConduitMcpModuleOptions } from './mcp-options.types';
import { validateMcpOptions } from './validate-mcp-options';

function issuesOf(options: unknown): string[] {
  try {
    validateMcpOptions(options as ConduitMcpModuleOptions);
  } catch (error) {
    if (error instanceof ConduitValidationError)
      return error.issues.map((i) => `${i.path}: ${i.message}`);
    throw error;
  }
  return [];
}

describe('validateMcpOptions', () => {
  it('accepts a server, HTTP and stdio clients', () => {
    expect(
      issuesOf({
        path: '/mcp',
        legacy: 'reject',
        clients: {
          weather: { url: 'https://weather.example/mcp', headers: { authorization: 'Bearer x' } },
          files: { command: 'npx', args: ['files-server'], prefix: 'fs', onConnectError: 'warn' },
        },
      }),
    ).toEqual([]);
  });

  it('lists every problem at once, by path', () => {
    expect(
      issuesOf({
        path: 'mcp',
        legacy: 'sessions',
        onConnectError: 'ignore',
        maxRequestBodySize: 0,
        allowedOrigins: ['evil'],
        clients: {
          both: { url: 'https://a.example/mcp', command: 'node' },
          neither: {},
          bad: {
            url: 'not a url',
            prefix: 'we ather',
            connectTimeoutMs: -1,
            reconnect: { initialDelayMs: 'soon' },
          },
          empty: { command: '' },
        },
      }),
    ).toEqual([
      'path: must be a string starting with "/", e.g. "/mcp"',
      "legacy: must be 'stateless' or 'reject'",
      "onConnectError: must be 'fail' or 'warn'",
      'maxRequestBodySize: must be a positive number of bytes',
      'allowedOrigins: must be a list of origins, e.g. "https://app.example.com"',
      'clients.both: give exactly one of url (Streamable HTTP) or command (stdio)',
      'clients.neither: give exactly one of url (Streamable HTTP) or command (stdio)',
      'clients.bad.url: must be an absolute URL',
      'clients.bad.prefix: may hold only letters, digits, "_" and "-"',
      'clients.bad.connectTimeoutMs: must be a number of milliseconds, 0 or more',
      'clients.bad.reconnect.initialDelayMs: must be a number of milliseconds, 0 or more',
      'clients.empty.command: must be a non-empty string',
    ]);
  });

  it('refuses options that are not an object', () => {
    expect(issuesOf('mcp')).toEqual(['(root): must be an object']);
  });
});
