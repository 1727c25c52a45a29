/** Options of `@Resource()`: a read-only document MCP clients can list and read. */
export interface McpResourceOptions {
  /** Its address, e.g. `shop://policies/returns`. Unique in the app. */
  readonly uri: string;
  /** A short name clients show (default: the method name). */
  readonly name?: string;
  readonly description?: string;
  /** The type of the text the method returns (default `text/plain`). */
  readonly mimeType?: string;
}

/** One argument of a prompt template. */
export interface McpPromptArgument {
  readonly name: string;
  readonly description?: string;
  readonly required?: boolean;
}

/** Options of `@Prompt()`: a prompt template MCP clients can list and fill in. */
export interface McpPromptOptions {
  /** Its name (default: the method name). Unique in the app. */
  readonly name?: string;
  readonly description?: string;
  /** The arguments the method receives, as `Record<string, string>`. */
  readonly arguments?: readonly McpPromptArgument[];
}

/** A prompt message a `@Prompt()` method may return (a string is one user message). */
export interface McpPromptMessage {
  readonly role: 'user' | 'assistant';
  readonly text: string;
}

/** A discovered `@Resource()` method, bound to its instance. */
export interface McpResourceEntry {
  readonly options: McpResourceOptions;
  readonly label: string;
  readonly read: () => unknown;
}

/** A discovered `@Prompt()` method, bound to its instance. */
export interface McpPromptEntry {
  readonly options: McpPromptOptions & { readonly name: string };
  readonly label: string;
  readonly get: (args: Record<string, string>) => unknown;
}
