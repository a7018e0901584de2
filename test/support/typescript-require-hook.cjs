// Lets a plain `node` child process run the repository's TypeScript (test helpers that
// must start PGlite outside Jest's sandbox). Compiles each .ts file on load with the same
// module setting as tsc/ts-jest (nodenext: CommonJS output that keeps real import()).
'use strict';
const { readFileSync } = require('node:fs');
const ts = require('typescript');

require.extensions['.ts'] = (module, filename) => {
  const { outputText } = ts.transpileModule(readFileSync(filename, 'utf8'), {
    fileName: filename,
    compilerOptions: {
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      target: ts.ScriptTarget.ES2023,
      esModuleInterop: true,
      sourceMap: false,
    },
  });
  module._compile(outputText, filename);
};
