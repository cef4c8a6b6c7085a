import fs from 'node:fs';
import path from 'node:path';
import preact from '@preact/preset-vite';
import { defineConfig, type EnvironmentOptions, type Plugin } from 'vite';
import { FLOW_API_BASE, LANGUAGE_HEADER, LINK_TOKEN_HEADER } from './widget/protocol/flow-api.ts';

const ROOT = import.meta.dirname;
/** Where the server reads the built widget from (see server/widget-build.ts). */
export const WIDGET_DIST = path.join(ROOT, 'dist/widget');

/** Ships the hand-written public types of the loader next to `connect.mjs`. */
function loaderTypes(): Plugin {
  return {
    name: 'plugboard-loader-types',
    applyToEnvironment: (env) => env.name === 'loaderEsm',
    generateBundle() {
      const source = fs.readFileSync(path.join(ROOT, 'widget/loader/plugboard.d.ts'), 'utf8');
      this.emitFile({ type: 'asset', fileName: 'connect.d.ts', source });
    },
  };
}

/**
 * Starts the session request from a tiny inline script in the page's head, so it runs while the app's
 * code is still downloading (the server allows exactly this script by its CSP hash). The app picks the
 * response up through `window.__plugboardSession` (widget/app/lib/api.ts). It sends the loader's `language`
 * option (second entry of the fragment's JSON array, widget/app/lib/launch.ts) like the app's requests
 * do; the server checks it, so a malformed one is only ignored.
 */
function sessionPreload(): Plugin {
  const code =
    `window.__plugboardSession=(function(t,l){var h={${JSON.stringify(LINK_TOKEN_HEADER)}:t,accept:"application/json"};` +
    `try{l=JSON.parse(decodeURIComponent(location.hash.slice(1)))[1]}catch(e){}` +
    `if(typeof l=="string")h[${JSON.stringify(LANGUAGE_HEADER)}]=l;` +
    `return t?fetch(${JSON.stringify(`${FLOW_API_BASE}/session`)},{headers:h,cache:"no-store"}):null})` +
    `(new URLSearchParams(location.search).get("token"))`;
  return {
    name: 'plugboard-session-preload',
    applyToEnvironment: (env) => env.name === 'flow',
    transformIndexHtml: () => [{ tag: 'script', children: code, injectTo: 'head-prepend' }],
  };
}

/**
 * The loader in one format. The script-tag build learns its own URL from `document.currentScript`
 * (only readable while the script runs, which is when this top-level expression is evaluated).
 */
function loaderEnvironment(format: 'iife' | 'es'): EnvironmentOptions {
  return {
    consumer: 'client',
    define: format === 'iife' ? { 'import.meta.url': 'document.currentScript?.src' } : {},
    build: {
      outDir: path.join(WIDGET_DIST, 'loader'),
      emptyOutDir: false,
      target: 'es2022',
      // terser's passes take ~15 B more off than the default minifier: the loader lives within 1 KB.
      minify: 'terser',
      terserOptions: { ecma: 2020, compress: { passes: 3, unsafe_arrows: true, unsafe_methods: true, arrows: true }, format: { wrap_func_args: false } },
      lib: {
        entry: path.join(ROOT, 'widget/loader/connect.ts'),
        name: 'Plugboard',
        formats: [format],
        fileName: () => (format === 'es' ? 'connect.mjs' : 'connect.js'),
      },
      // Vite keeps whitespace in ES library output; this file is served as is, so minify it fully.
      rollupOptions: { output: { generatedCode: { symbols: false }, minify: true } },
    },
  };
}

/**
 * One `vite build` builds two environments:
 * - `flow`: the iframe app (Preact), `dist/widget/flow/` (served at `/flow`, assets at `/flow/assets/*`);
 * - `loader`: the framework-free loader as a script-tag IIFE (`connect.js`, global `Plugboard`) and ESM
 *   (`connect.mjs` + `connect.d.ts`), `dist/widget/loader/`.
 */
export default defineConfig({
  root: path.join(ROOT, 'widget/app'),
  base: '/flow/',
  logLevel: 'warn',
  plugins: [preact({ devtoolsInProd: false, prefreshEnabled: false }), loaderTypes(), sessionPreload()],
  environments: {
    flow: {
      consumer: 'client',
      build: {
        outDir: path.join(WIDGET_DIST, 'flow'),
        emptyOutDir: true,
        target: 'es2022',
        manifest: true,
        modulePreload: { polyfill: false },
        // Small locale chunks stay separate files; nothing is inlined as base64.
        assetsInlineLimit: 0,
        rollupOptions: { input: path.join(ROOT, 'widget/app/index.html') },
      },
    },
    loader: loaderEnvironment('iife'),
    loaderEsm: loaderEnvironment('es'),
    // The console (Preact), `dist/widget/dashboard/`: a script entry (the server writes its page, see dashboard-page.routes.ts), one chunk.
    dashboard: {
      consumer: 'client',
      build: {
        outDir: path.join(WIDGET_DIST, 'dashboard'),
        emptyOutDir: true,
        target: 'es2022',
        manifest: true,
        modulePreload: { polyfill: false },
        assetsInlineLimit: 0,
        rollupOptions: { input: path.join(ROOT, 'dashboard/main.tsx') },
      },
    },
  },
  builder: {
    async buildApp(builder) {
      await builder.build(builder.environments.flow!);
      await builder.build(builder.environments.loader!);
      await builder.build(builder.environments.loaderEsm!);
      await builder.build(builder.environments.dashboard!);
    },
  },
});
