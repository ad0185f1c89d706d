import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Tests that run the real `wocas` binary or load the UI need dist/ built from the current sources
 * (Node code and the renderer): build once,
 * before any test file starts, so no two workers rebuild it under a running child.
 */
export default function buildCliOnce(): void {
  execFileSync('npm', ['run', 'build'], {
    cwd: fileURLToPath(new URL('../..', import.meta.url)),
    stdio: 'pipe',
  });
}
