import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The preload as one CommonJS file: a sandboxed preload cannot load ES modules, nor require any of
 * our files; only `electron` stays outside the bundle. Not minified, so what ships can be read.
 */
export default defineConfig({
  build: {
    outDir: fileURLToPath(new URL('../../dist/electron', import.meta.url)),
    emptyOutDir: true,
    target: 'chrome120',
    minify: false,
    sourcemap: false,
    lib: {
      entry: fileURLToPath(new URL('./preload.ts', import.meta.url)),
      formats: ['cjs'],
      fileName: () => 'preload.cjs',
    },
    rollupOptions: { external: ['electron'] },
  },
});
