import type { Logger } from '@nestjs/common';
import type { GetPromptResult, ReadResourceResult, Server } from '@modelcontextprotocol/server';
import { isRecord } from '../core/is-record';
import { maskSecrets } from '../tools/tool-error-text';
import type { McpPromptEntry, McpResourceEntry } from './mcp-primitive.types';
import type { McpServerSdk } from './mcp-sdk';

/** What the endpoint serves besides tools: the app's `@Resource()` and `@Prompt()` methods. */
export interface McpPrimitives {
  readonly resources: readonly McpResourceEntry[];
  readonly prompts: readonly McpPromptEntry[];
}

/** The capabilities a server announces for its resources and prompts. */
export function primitiveCapabilities(primitives: McpPrimitives): Record<string, object> {
  return {
    ...(primitives.resources.length > 0 ? { resources: {} } : {}),
    ...(primitives.prompts.length > 0 ? { prompts: {} } : {}),
  };
}

/**
 * Adds `resources/list`, `resources/read`, `prompts/list` and `prompts/get` to an SDK server
 * when the app declares resources or prompts. A method that throws is a JSON-RPC internal error
 * that says only which resource or prompt failed (the whole error goes to the logs).
 */
export function registerPrimitiveHandlers(
  sdk: McpServerSdk,
  server: Server,
  primitives: McpPrimitives,
  logger: Logger,
): void {
  const fail = (what: string, label: string, error: unknown): never => {
    // Logs are no place for the credentials an error message may carry either.
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    logger.warn(maskSecrets(`${what} (${label}) failed: ${detail}`));
    throw new sdk.ProtocolError(sdk.ProtocolErrorCode.InternalError, `${what} failed.`);
  };
  const { resources, prompts } = primitives;
  if (resources.length > 0) {
    server.setRequestHandler('resources/list', () => ({
      resources: resources.map(({ options, label }) => ({
        uri: options.uri,
        name: options.name ?? label.slice(label.lastIndexOf('.') + 1),
        ...(options.description === undefined ? {} : { description: options.description }),
        mimeType: options.mimeType ?? 'text/plain',
      })),
    }));
    server.setRequestHandler('resources/read', async (request): Promise<ReadResourceResult> => {
      const { uri } = request.params;
      const entry = resources.find((resource) => resource.options.uri === uri);
      if (entry === undefined) {
        throw new sdk.ProtocolError(
          sdk.ProtocolErrorCode.ResourceNotFound,
          `Unknown resource: ${JSON.stringify(uri)}`,
        );
      }
      let value: unknown;
      try {
        value = await entry.read();
      } catch (error) {
        return fail(`Reading the resource ${JSON.stringify(uri)}`, entry.label, error);
      }
      const text = typeof value === 'string' ? value : JSON.stringify(value);
      return { contents: [{ uri, mimeType: entry.options.mimeType ?? 'text/plain', text }] };
    });
  }
  if (prompts.length > 0) {
    server.setRequestHandler('prompts/list', () => ({
      prompts: prompts.map(({ options }) => ({
        name: options.name,
        ...(options.description === undefined ? {} : { description: options.description }),
        ...(options.arguments === undefined ? {} : { arguments: [...options.arguments] }),
      })),
    }));
    server.setRequestHandler('prompts/get', async (request): Promise<GetPromptResult> => {
      const { name } = request.params;
      const args: Record<string, string> = { ...request.params.arguments };
      const entry = prompts.find((prompt) => prompt.options.name === name);
      if (entry === undefined) {
        throw new sdk.ProtocolError(
          sdk.ProtocolErrorCode.InvalidParams,
          `Unknown prompt: ${JSON.stringify(name)}`,
        );
      }
      const missing = (entry.options.arguments ?? []).filter(
        (a) => a.required === true && args[a.name] === undefined,
      );
      if (missing.length > 0) {
        throw new sdk.ProtocolError(
          sdk.ProtocolErrorCode.InvalidParams,
          `Prompt ${JSON.stringify(name)} needs the arguments: ${missing.map((a) => a.name).join(', ')}`,
        );
      }
      let value: unknown;
      try {
        value = await entry.get(args);
      } catch (error) {
        return fail(`The prompt ${JSON.stringify(name)}`, entry.label, error);
      }
      return {
        ...(entry.options.description === undefined
          ? {}
          : { description: entry.options.description }),
        messages: toMessages(value),
      };
    });
  }
}

/** A string is one user message; a list of `{ role, text }` is kept; anything else as JSON. */
function toMessages(value: unknown): GetPromptResult['messages'] {
  const list = Array.isArray(value) ? (value as unknown[]) : [value];
  return list.map((item) => {
    if (
      isRecord(item) &&
      (item.role === 'user' || item.role === 'assistant') &&
      typeof item.text === 'string'
    ) {
      return { role: item.role, content: { type: 'text', text: item.text } };
    }
    return {
      role: 'user',
      content: { type: 'text', text: typeof item === 'string' ? item : JSON.stringify(item) },
    };
  });
}
