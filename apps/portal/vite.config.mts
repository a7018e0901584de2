import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The portal: built by tools/build.mjs into dist/portal, which the API serves under `/`.
 * `npm run portal:dev` serves it with hot reload and sends /v1 and /health to an API on :3000.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: fileURLToPath(new URL('../../dist/portal', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    reportCompressedSize: false,
    rolldownOptions: {
      output: {
        // Each role's chunk named after its folder (learner-…js), so the bench can weigh them.
        chunkFileNames: (chunk) =>
          `assets/${/src\/(\w+)\/area\.tsx$/.exec(chunk.facadeModuleId ?? '')?.[1] ?? '[name]'}-[hash].js`,
      },
    },
  },
  server: {
    proxy: { '/v1': 'http://127.0.0.1:3000', '/health': 'http://127.0.0.1:3000' },
  },
});
