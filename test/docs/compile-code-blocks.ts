import * as path from 'node:path';
import ts from 'typescript';
import type { CodeBlock } from './markdown-code-blocks';

const REPO = path.resolve(__dirname, '../..');

/**
 * Stand-ins for packages the pages import but this repo does not install: `@nestjs/config` (the
 * README's `forRootAsync` example; the packed-package consumer test checks that block against the
 * real one), `@azure/identity` (Entra ID sign-in) and `@ai-sdk/amazon-bedrock` (the AI SDK
 * adapter's example; the adapter itself is tested with real AI SDK provider packages).
 */
const NESTJS_CONFIG_STUB = `
declare module '@nestjs/config' {
  import type { DynamicModule } from '@nestjs/common';
  export declare class ConfigModule {
    static forRoot(options?: Record<string, unknown>): DynamicModule;
  }
  export declare class ConfigService {
    get<T = unknown>(key: string): T | undefined;
    get<T = unknown>(key: string, defaultValue: T): T;
    getOrThrow<T = unknown>(key: string): T;
  }
}
declare module '@azure/identity' {
  export declare class DefaultAzureCredential {
    getToken(scope: string): Promise<{ token: string; expiresOnTimestamp: number }>;
  }
}
declare module '@ai-sdk/amazon-bedrock' {
  import type { AiSdkLanguageModel, AiSdkEmbeddingModelSpec } from 'nestjs-conduit';
  interface BedrockProvider {
    (modelId: string): AiSdkLanguageModel;
    embedding(modelId: string): AiSdkEmbeddingModelSpec;
  }
  export declare function createAmazonBedrock(options?: Record<string, unknown>): BedrockProvider;
}
`;

/** Source files outside the pages, parsed once for every page of the run. */
const parsedFiles = new Map<string, ts.SourceFile>();

/** The repo's compiler options (strict, paths to lib/), minus the unused-name checks. */
function compilerOptions(): ts.CompilerOptions {
  const configFile = path.join(REPO, 'tsconfig.json');
  const { config } = ts.readConfigFile(configFile, (file) => ts.sys.readFile(file)) as {
    config: unknown;
  };
  const parsed = ts.parseJsonConfigFileContent(config, ts.sys, REPO, undefined, configFile);
  // An example may show an import or a parameter it does not use; that is no error in a doc.
  return { ...parsed.options, noEmit: true, noUnusedLocals: false, noUnusedParameters: false };
}

/**
 * Type-checks the blocks of one page as one program of in-memory files (under a folder named
 * after the page, inside the repo so `node_modules` and the `nestjs-conduit` paths resolve).
 * Returns one readable line per problem: `page.md:LINE: message`.
 */
export function compileBlocks(page: string, blocks: readonly CodeBlock[]): string[] {
  const folder = path.join(REPO, '.docs-blocks', path.basename(page, '.md'));
  const files = new Map<string, CodeBlock>();
  for (const block of blocks) files.set(path.join(folder, block.file), block);
  const stub = path.join(folder, 'nestjs-config-stub.d.ts');
  const sources = new Map<string, string>([[stub, NESTJS_CONFIG_STUB]]);
  // A block without import/export would be a script sharing one global scope with the others.
  for (const [file, block] of files) {
    sources.set(
      file,
      /^\s*(import|export)\s/m.test(block.code) ? block.code : `${block.code}\nexport {};\n`,
    );
  }

  const options = compilerOptions();
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  const directoryExists = host.directoryExists?.bind(host);
  host.fileExists = (file) => sources.has(file) || fileExists.call(host, file);
  // The in-memory folders exist for module resolution, or './x.js' would not find './x.ts'.
  host.directoryExists = (dir) =>
    [...sources.keys()].some((file) => file.startsWith(`${dir}${path.sep}`)) ||
    (directoryExists?.(dir) ?? true);
  host.readFile = (file) => sources.get(file) ?? readFile.call(host, file);
  host.getSourceFile = (file, language, onError, create) => {
    const source = sources.get(file);
    if (source !== undefined) return ts.createSourceFile(file, source, language, true);
    // lib/ and node_modules are the same for every page: parse them once.
    let parsed = parsedFiles.get(file);
    if (parsed === undefined) {
      parsed = getSourceFile.call(host, file, language, onError, create);
      if (parsed !== undefined) parsedFiles.set(file, parsed);
    }
    return parsed;
  };
  const program = ts.createProgram({ rootNames: [...sources.keys()], options, host });
  // Only the blocks' own problems: lib/ is type-checked by `npm run typecheck`.
  const diagnostics = [...files.keys()].flatMap((file) => {
    const source = program.getSourceFile(file);
    return source === undefined
      ? []
      : [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)];
  });
  return [...program.getOptionsDiagnostics(), ...diagnostics].map((diagnostic) => {
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
    const file = diagnostic.file?.fileName;
    const block = file === undefined ? undefined : files.get(file);
    if (block === undefined || diagnostic.file === undefined || diagnostic.start === undefined) {
      return `${page}: ${file ?? '(no file)'}: ${message}`;
    }
    const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
    return `${page}:${block.line + line}: (${block.file}) TS${diagnostic.code}: ${message}`;
  });
}
