import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * Pure-JS dependencies published as ES modules (or whose ESM entry Node would pick for `import()`) are bundled
 * into the CommonJS output: Node then loads each as part of one CommonJS chunk instead of resolving and linking
 * dozens of ES module files on every CLI start (docs/architecture.md, "The CLI"). Native modules
 * (better-sqlite3, keytar) and `electron` stay external.
 */
const BUNDLED_DEPS = ['commander', 'zod', 'jose', 'fast-xml-parser', 'axios', 'env-paths', 'open'];

/**
 * Edits to bundled dependencies' sources so that loading them loads only what the CLI uses (docs/architecture.md,
 * "The CLI"). commander: `node:child_process` (for executable subcommands, which we have none of) loads on
 * first use. axios, so that loading it loads only what a plain request uses: `form-data` (and mime-db), `follow-redirects` (and debug) and
 * `https-proxy-agent` and `node:http2` are required on first use instead of at load, and neither the fetch adapter's feature
 * test nor `isFormData` touches the global `Request` / `FormData`, whose first use loads Node's undici. We
 * send with the http adapter, never follow redirects and pass strings as bodies, so none of them is used
 * unless a proxy tunnel is (then `https-proxy-agent` loads). Each edit must match exactly once: an axios
 * update that moves one of these lines fails the build here instead of silently loading them again.
 */
const LAZY_EDITS: Array<{ file: string; from: string; to: string }> = [
  {
    file: 'commander/lib/command.js',
    from: "import childProcess from 'node:child_process';",
    to: "const childProcess = { spawn: (...args) => require('node:child_process').spawn(...args) };",
  },
  // node:http2 (axios's httpVersion 2, which we never ask for): only in functions, so a getter is enough.
  {
    file: 'axios/lib/adapters/http.js',
    from: "import http2 from 'http2';",
    to: "const http2 = { get constants() { return require('node:http2').constants; } };",
  },
  {
    file: 'axios/lib/helpers/Http2Sessions.js',
    from: "import http2 from 'http2';",
    to: "const http2 = { connect: (...args) => require('node:http2').connect(...args) };",
  },
  {
    file: 'axios/lib/platform/node/classes/FormData.js',
    from: "import FormData from 'form-data';\n\nexport default FormData;",
    to: [
      'let Loaded;',
      "const load = () => (Loaded ??= require('form-data'));",
      'function FormData(options) { return new (load())(options); }',
      // Nothing can be an instance before the module has loaded.
      'Object.defineProperty(FormData, Symbol.hasInstance, { value: (v) => Loaded !== undefined && v instanceof Loaded });',
      'export default FormData;',
    ].join('\n'),
  },
  {
    file: 'axios/lib/adapters/fetch.js',
    from: 'const adapter = getFetch();',
    to: 'const adapter = undefined;',
  },
  {
    file: 'axios/lib/utils.js',
    from: "const FormDataCtor = typeof G.FormData !== 'undefined' ? G.FormData : undefined;",
    to: "let FormDataCtor;\nconst formDataCtor = () => (FormDataCtor ??= typeof G.FormData !== 'undefined' ? G.FormData : null);",
  },
  {
    file: 'axios/lib/utils.js',
    from: '  if (FormDataCtor && thing instanceof FormDataCtor) return true;',
    // A primitive (our string bodies) is never FormData: answer before reading the global.
    to: "  if (typeof thing !== 'object' && typeof thing !== 'function') return false;\n  if (formDataCtor() && thing instanceof FormDataCtor) return true;",
  },
  {
    file: 'axios/lib/adapters/http.js',
    from: "import followRedirects from 'follow-redirects';",
    to: "let followRedirectsLoaded;\nconst followRedirects = () => (followRedirectsLoaded ??= require('follow-redirects'));",
  },
  {
    file: 'axios/lib/adapters/http.js',
    from: 'const { http: httpFollow, https: httpsFollow } = followRedirects;',
    to: '',
  },
  {
    file: 'axios/lib/adapters/http.js',
    from: 'transport = isHttpsRequest ? httpsFollow : httpFollow;',
    to: 'transport = isHttpsRequest ? followRedirects().https : followRedirects().http;',
  },
  {
    file: 'axios/lib/adapters/http.js',
    from: "import HttpsProxyAgent from 'https-proxy-agent';",
    to: [
      'let HttpsProxyAgentLoaded;',
      "const loadHttpsProxyAgent = () => (HttpsProxyAgentLoaded ??= require('https-proxy-agent'));",
      'function HttpsProxyAgent(options) { return new (loadHttpsProxyAgent())(options); }',
      'Object.defineProperty(HttpsProxyAgent, Symbol.hasInstance, { value: (v) => v instanceof loadHttpsProxyAgent() });',
    ].join('\n'),
  },
];

function lazyDeps(): Plugin {
  return {
    name: 'authbench:lazy-deps',
    enforce: 'pre',
    transform(code, id) {
      const path = id.replace(/\\/g, '/').split('?')[0]!;
      const edits = LAZY_EDITS.filter((e) => path.endsWith(`/node_modules/${e.file}`));
      if (edits.length === 0) return null;
      let out = code;
      for (const { file, from, to } of edits) {
        const count = out.split(from).length - 1;
        if (count !== 1) throw new Error(`lazy-deps: expected one "${from}" in ${file}, found ${count}`);
        out = out.replace(from, () => to);
      }
      return { code: out, map: null };
    },
  };
}

// Main and CLI share one Node build: `out/main/index.js` (Electron entry) and `out/main/cli.js`
// (the `authbench` command). Chunks are split by dynamic import, so the CLI loads only what a command imports.
export default defineConfig({
  main: {
    plugins: [lazyDeps()],
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
