import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// Main and CLI share one Node build: `out/main/index.js` (Electron entry) and `out/main/cli.js`
// (the `authbench` command). Dependencies stay external, so the CLI loads only what a command imports.
export default defineConfig({
  main: {
    build: {
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
      rollupOptions: { input: resolve(__dirname, 'src-renderer/index.html') },
    },
    plugins: [react()],
  },
});
