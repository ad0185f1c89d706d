import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Tests that run the real `wocas` binary need dist/ built from the current sources: build once,
 * before any test file starts, so no two workers rebuild it under a running child.
 */
export default function buildCliOnce(): void {
  execFileSync('npm', ['run', 'build:node'], { cwd: fileURLToPath(new URL('../..', import.meta.url)), stdio: 'pipe' });
}
