import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

/**
 * Pure-JS dependencies published as ES modules (or whose ESM entry Node would pick for `import()`) are bundled
 * into the CommonJS output: Node then loads each as part of one CommonJS chunk instead of resolving and linking
 * dozens of ES module files on every CLI start (docs/architecture.md, "The CLI"). Native modules
 * (better-sqlite3, keytar) and `electron` stay external.
 */
const BUNDLED_DEPS = ['commander', 'zod', 'jose', 'fast-xml-parser', 'axios', 'env-paths', 'open'];

// Main and CLI share one Node build: `out/main/index.js` (Electron entry) and `out/main/cli.js`
// (the `authbench` command). Chunks are split by dynamic import, so the CLI loads only what a command imports.
export default defineConfig({
  main: {
    build: {
      externalizeDeps: { exclude: BUNDLED_DEPS },
      lib: {
        entry: {
          index: resolve(__dirname, 'src-main/index.ts'),
          cli: resolve(__dirname, 'src-main/cli/index.ts'),
        },
      },
    },
  },
  preload: {
    // Object form gives out/preload/index.js; a sandboxed preload must be CommonJS.
    build: {
      lib: { entry: { index: resolve(__dirname, 'src-main/preload.ts') }, formats: ['cjs'] },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src-renderer'),
    build: {
      // Production renderer JS is minified (esbuild/oxc): a smaller bundle parses faster at window start.
      minify: true,
      rollupOptions: { input: resolve(__dirname, 'src-renderer/index.html') },
    },
    plugins: [react()],
  },
});
