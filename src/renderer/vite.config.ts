import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// React without @vitejs/plugin-react: esbuild's automatic JSX runtime is all the build needs
// (no fast refresh; the UI is small and reloads fast).
export default defineConfig(({ command }) => {
  // A build is what ships, whatever NODE_ENV the caller runs under: Vite would otherwise build
  // React's development bundle when NODE_ENV is anything but "production" (vitest's global setup
  // runs the build under NODE_ENV=test), and that bundle runs every effect twice under StrictMode,
  // so each request of the UI went out twice. Vite reads NODE_ENV after loading this file.
  if (command === 'build') process.env.NODE_ENV = 'production';
  return {
    root: fileURLToPath(new URL('.', import.meta.url)),
    base: './',
    esbuild: { jsx: 'automatic' },
    build: {
      outDir: fileURLToPath(new URL('../../dist/renderer', import.meta.url)),
      emptyOutDir: true,
      chunkSizeWarningLimit: 800,
    },
  };
});
