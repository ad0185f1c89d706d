import { defineConfig } from 'vitest/config';

/** The fast tests beside the code (`npm run test:unit`): no build, no server, no browser. */
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    pool: 'threads',
  },
});
