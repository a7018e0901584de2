/**
 * Lets a plain `node` child process run the application's TypeScript sources: a worker to
 * SIGKILL, the audit:verify CLI, the throughput script. Load it first, through the repository's
 * require hook (`node --require test/support/typescript-require-hook.cjs <entry>.ts`, the entry
 * importing this file before anything else). It replaces that hook's compiler settings with
 * the ones Nest needs (decorators and their metadata) and resolves the `@app/*` aliases of
 * tsconfig.json. Compiling the current sources, unlike `dist/`, cannot run stale code.
 */
import { readFileSync } from 'node:fs';
import Module from 'node:module';
import { join, resolve } from 'node:path';
import ts from 'typescript';

const root = resolve(__dirname, '../..');
const tsconfig = ts.readConfigFile(join(root, 'tsconfig.json'), (path) => ts.sys.readFile(path))
  .config as {
  compilerOptions: { paths: Record<string, string[]> };
};
const aliases = Object.entries(tsconfig.compilerOptions.paths)
  .filter(([alias]) => !alias.endsWith('/*'))
  .map(([alias, [target]]) => ({ alias, target: join(root, target) }))
  .sort((a, b) => b.alias.length - a.alias.length);

type Resolve = (request: string, ...rest: unknown[]) => string;
const internals = Module as unknown as { _resolveFilename: Resolve };
const resolveFilename = internals._resolveFilename;
internals._resolveFilename = function (request: string, ...rest: unknown[]): string {
  const match = aliases.find(({ alias }) => request === alias || request.startsWith(`${alias}/`));
  const mapped = match ? match.target + request.slice(match.alias.length) : request;
  return resolveFilename.call(this, mapped, ...rest);
};

const compilerOptions: ts.CompilerOptions = {
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  target: ts.ScriptTarget.ES2023,
  esModuleInterop: true,
  experimentalDecorators: true,
  emitDecoratorMetadata: true,
  sourceMap: false,
};

const extensions = (
  Module as unknown as { _extensions: Record<string, (module: unknown, filename: string) => void> }
)._extensions;
extensions['.ts'] = (module, filename) => {
  const { outputText } = ts.transpileModule(readFileSync(filename, 'utf8'), {
    fileName: filename,
    compilerOptions,
  });
  (module as { _compile(code: string, filename: string): void })._compile(outputText, filename);
};

/** The node arguments that run a TypeScript entry with this loader. */
export function typescriptEntryArgs(entry: string): string[] {
  return [
    '--require',
    join(__dirname, 'typescript-require-hook.cjs'),
    '--require',
    __filename,
    entry,
  ];
}
